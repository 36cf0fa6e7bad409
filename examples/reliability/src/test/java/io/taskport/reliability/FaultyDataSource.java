package io.taskport.reliability;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A fault-injecting {@link DataSource}: it drops the connection around the statement that
 * completes a task, either before the statement runs (the write never lands) or right after it
 * ran (the write landed, its answer was lost). Each armed fault fires once.
 */
final class FaultyDataSource implements DataSource {
  private static final String COMPLETE_MARK = "SET status = 'COMPLETED'";

  private final DataSource delegate;
  private final AtomicInteger dropBefore = new AtomicInteger();
  private final AtomicInteger dropAfter = new AtomicInteger();
  private final AtomicInteger fired = new AtomicInteger();

  FaultyDataSource(DataSource delegate) {
    this.delegate = delegate;
  }

  /** Drops the connection before the next {@code n} completion statements run. */
  void dropBeforeCompletion(int n) {
    dropBefore.addAndGet(n);
  }

  /** Drops the connection right after the next {@code n} completion statements ran. */
  void dropAfterCompletion(int n) {
    dropAfter.addAndGet(n);
  }

  /** How many faults fired. */
  int fired() {
    return fired.get();
  }

  @Override
  public Connection getConnection() throws SQLException {
    return wrap(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return wrap(delegate.getConnection(user, password));
  }

  private Connection wrap(Connection c) {
    InvocationHandler h =
        (proxy, m, args) -> {
          Object r = invoke(c, m, args);
          if (m.getName().equals("prepareStatement")
              && args != null
              && args[0] instanceof String sql
              && sql.contains(COMPLETE_MARK)) {
            return statement(c, (PreparedStatement) r);
          }
          return r;
        };
    return (Connection)
        Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, h);
  }

  private PreparedStatement statement(Connection c, PreparedStatement ps) {
    InvocationHandler h =
        (proxy, m, args) -> {
          boolean executes = m.getName().startsWith("execute");
          if (executes && take(dropBefore)) {
            c.unwrap(Connection.class).close();
            throw new SQLTransientConnectionException("injected: connection dropped before completion");
          }
          Object r = invoke(ps, m, args);
          if (executes && take(dropAfter)) {
            c.unwrap(Connection.class).close();
            throw new SQLTransientConnectionException("injected: connection dropped after completion");
          }
          return r;
        };
    return (PreparedStatement)
        Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class}, h);
  }

  private boolean take(AtomicInteger armed) {
    int n;
    do {
      n = armed.get();
      if (n == 0) {
        return false;
      }
    } while (!armed.compareAndSet(n, n - 1));
    fired.incrementAndGet();
    return true;
  }

  private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return delegate.isWrapperFor(iface);
  }
}

package io.taskport.jdbc;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The store contract on an in-memory H2 database; runs in every build. */
class H2JdbcTaskStoreTest extends JdbcStoreContract {
  @Override
  protected DataSource openDataSource() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + Services.randomPrefix() + ";DB_CLOSE_DELAY=-1");
    return ds;
  }
}

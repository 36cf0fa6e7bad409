package io.taskport.jdbc;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The file store contract on an in-memory H2 database; runs in every build. */
class H2JdbcFileStoreTest extends JdbcFileStoreContract {
  @Override
  protected DataSource openDataSource() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + Services.randomPrefix() + ";DB_CLOSE_DELAY=-1");
    return ds;
  }
}

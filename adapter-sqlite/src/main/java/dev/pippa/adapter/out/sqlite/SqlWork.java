package dev.pippa.adapter.out.sqlite;

import java.sql.SQLException;

/** Work done on a {@link Session}; JDBC's checked exception is turned into the port's by the runner. */
@FunctionalInterface
interface SqlWork<T> {

    T run(Session session) throws SQLException;
}

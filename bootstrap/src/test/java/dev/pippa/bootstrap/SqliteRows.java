package dev.pippa.bootstrap;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads a number straight from a service's SQLite file, to check what a request left behind. */
final class SqliteRows {
    private SqliteRows() {
    }

    /** The first column of the first row {@code sql} returns, its {@code ?}s bound to {@code parameters}. */
    static long number(Path database, String sql, String... parameters) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database);
             var statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}

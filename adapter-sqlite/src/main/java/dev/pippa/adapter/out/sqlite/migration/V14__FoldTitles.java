package dev.pippa.adapter.out.sqlite.migration;

import dev.pippa.domain.TextFold;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Folds the titles stored before V13 the way new writes fold them (case and accents, {@link TextFold}),
 * which SQL alone cannot do in SQLite. Data only, so the schema jOOQ is generated from does not need it.
 */
public final class V14__FoldTitles extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement select = connection.createStatement();
             ResultSet titled = select.executeQuery("SELECT id, title FROM conversation WHERE title IS NOT NULL");
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE conversation SET title_key = ? WHERE id = ?")) {
            while (titled.next()) {
                update.setString(1, TextFold.fold(titled.getString(2)));
                update.setString(2, titled.getString(1));
                update.executeUpdate();
            }
        }
    }
}

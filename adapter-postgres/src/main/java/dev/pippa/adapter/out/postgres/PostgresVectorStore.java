package dev.pippa.adapter.out.postgres;

import dev.pippa.application.port.out.PackedVector;
import dev.pippa.application.port.out.VectorStore;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.IntStream;

/**
 * {@link VectorStore} in PostgreSQL: packed vectors as bytea (pgvector is not available here, and exact
 * scoring happens in the application either way). On several nodes a vector whose commit overtakes one
 * with a smaller sequence is picked up by a node that already holds the owner's vectors at its next
 * reload (every ten minutes).
 */
public final class PostgresVectorStore implements VectorStore {

    private static final String TEXTS = "SELECT m.id, c.owner_id, m.conversation_id, m.role, m.content"
            + " FROM message m JOIN conversation c ON c.id = m.conversation_id ";
    private static final String SAVE = "INSERT INTO message_vector"
            + " (message_id, model, owner_id, conversation_id, role, vector)"
            + " SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM message WHERE id = ?)"
            + " ON CONFLICT (message_id, model) DO UPDATE SET vector = EXCLUDED.vector, sequence = DEFAULT";

    private final PostgresDatabase database;

    public PostgresVectorStore(PostgresDatabase database) {
        this.database = database;
    }

    @Override
    public List<MessageText> texts(List<MessageId> ids) {
        String[] values = ids.stream().map(MessageId::value).toArray(String[]::new);
        return database.read(dsl -> Rows.query(dsl, TEXTS + "WHERE m.id = ANY (?) ORDER BY m.id",
                select -> select.setArray(1, select.getConnection().createArrayOf("text", values)),
                PostgresVectorStore::text));
    }

    @Override
    public List<MessageText> withoutVector(String model, MessageId after, int limit) {
        return database.read(dsl -> Rows.query(dsl, TEXTS + "WHERE m.id > ? AND NOT EXISTS (SELECT 1 FROM"
                        + " message_vector v WHERE v.message_id = m.id AND v.model = ?) ORDER BY m.id LIMIT ?",
                select -> {
                    select.setString(1, after == null ? "" : after.value());
                    select.setString(2, model);
                    select.setInt(3, limit);
                }, PostgresVectorStore::text));
    }

    private static MessageText text(ResultSet row) throws SQLException {
        return new MessageText(new MessageId(row.getString(1)), new OwnerId(row.getString(2)),
                new ConversationId(row.getString(3)), Role.fromWireName(row.getString(4)),
                NulSafeText.decode(row.getString(5)));
    }

    @Override
    public void save(String model, List<MessageText> messages, List<PackedVector> vectors) {
        List<Integer> items = IntStream.range(0, messages.size()).boxed().toList();
        database.write(dsl -> {
            Rows.batch(dsl, SAVE, items, (save, i) -> {
                MessageText message = messages.get(i);
                save.setString(1, message.id().value());
                save.setString(2, model);
                save.setString(3, message.owner().value());
                save.setString(4, message.conversationId().value());
                save.setString(5, message.role().wireName());
                save.setBytes(6, vectors.get(i).toBytes());
                save.setString(7, message.id().value());
            });
            return null;
        });
    }

    @Override
    public List<StoredVector> vectorsAfter(OwnerId owner, String model, long after) {
        return database.read(dsl -> Rows.query(dsl, "SELECT sequence, message_id, conversation_id, role, vector"
                        + " FROM message_vector WHERE owner_id = ? AND model = ? AND sequence > ? ORDER BY sequence",
                select -> {
                    select.setString(1, owner.value());
                    select.setString(2, model);
                    select.setLong(3, after);
                }, row -> new StoredVector(row.getLong(1), new MessageId(row.getString(2)),
                        new ConversationId(row.getString(3)), Role.fromWireName(row.getString(4)),
                        PackedVector.fromBytes(row.getBytes(5)))));
    }

    @Override
    public long lastSequence(OwnerId owner, String model) {
        return database.read(dsl -> Rows.query(dsl, "SELECT coalesce(max(sequence), 0) FROM message_vector"
                + " WHERE owner_id = ? AND model = ?", select -> {
                    select.setString(1, owner.value());
                    select.setString(2, model);
                }, row -> row.getLong(1)).getFirst());
    }
}

package dev.pippa.adapter.out.sqlite;

import static dev.pippa.adapter.out.sqlite.jooq.Tables.CONVERSATION;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.MESSAGE;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.MESSAGE_VECTOR;

import dev.pippa.application.port.out.PackedVector;
import dev.pippa.application.port.out.VectorStore;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Role;
import java.sql.PreparedStatement;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record5;
import org.jooq.impl.DSL;

/** {@link VectorStore} in the same SQLite file: packed vectors as blobs, saved by the single writer. */
public final class SqliteVectorStore implements VectorStore {

    /** Replaces the message's vector of the model with a new row (a new sequence), if the message exists. */
    private static final String SAVE = "INSERT OR REPLACE INTO message_vector"
            + " (message_id, model, owner_id, conversation_id, role, vector)"
            + " SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM message WHERE id = ?)";

    private final SqliteDatabase database;

    public SqliteVectorStore(SqliteDatabase database) {
        this.database = database;
    }

    @Override
    public List<MessageText> texts(List<MessageId> ids) {
        return database.read(session -> texts(session.dsl(),
                MESSAGE.ID.in(ids.stream().map(MessageId::value).toList()), ids.size()));
    }

    @Override
    public List<MessageText> withoutVector(String model, MessageId after, int limit) {
        Condition missing = DSL.notExists(DSL.selectOne().from(MESSAGE_VECTOR)
                .where(MESSAGE_VECTOR.MESSAGE_ID.eq(MESSAGE.ID), MESSAGE_VECTOR.MODEL.eq(model)));
        return database.read(session -> texts(session.dsl(),
                after == null ? missing : missing.and(MESSAGE.ID.gt(after.value())), limit));
    }

    private static List<MessageText> texts(DSLContext dsl, Condition which, int limit) {
        return dsl.select(MESSAGE.ID, CONVERSATION.OWNER_ID, MESSAGE.CONVERSATION_ID, MESSAGE.ROLE, MESSAGE.CONTENT)
                .from(MESSAGE).join(CONVERSATION).on(CONVERSATION.ID.eq(MESSAGE.CONVERSATION_ID))
                .where(which).orderBy(MESSAGE.ID).limit(limit)
                .fetch(SqliteVectorStore::text);
    }

    private static MessageText text(Record5<String, String, String, String, String> row) {
        return new MessageText(new MessageId(row.value1()), new OwnerId(row.value2()),
                new ConversationId(row.value3()), Role.fromWireName(row.value4()), row.value5());
    }

    @Override
    public void save(String model, List<MessageText> messages, List<PackedVector> vectors) {
        database.write(session -> {
            PreparedStatement save = session.statement(SAVE);
            for (int i = 0; i < messages.size(); i++) {
                MessageText message = messages.get(i);
                save.setString(1, message.id().value());
                save.setString(2, model);
                save.setString(3, message.owner().value());
                save.setString(4, message.conversationId().value());
                save.setString(5, message.role().wireName());
                save.setBytes(6, vectors.get(i).toBytes());
                save.setString(7, message.id().value());
                save.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<StoredVector> vectorsAfter(OwnerId owner, String model, long after) {
        return database.read(session -> session.dsl()
                .select(MESSAGE_VECTOR.SEQUENCE, MESSAGE_VECTOR.MESSAGE_ID, MESSAGE_VECTOR.CONVERSATION_ID,
                        MESSAGE_VECTOR.ROLE, MESSAGE_VECTOR.VECTOR)
                .from(MESSAGE_VECTOR)
                .where(MESSAGE_VECTOR.OWNER_ID.eq(owner.value()), MESSAGE_VECTOR.MODEL.eq(model),
                        MESSAGE_VECTOR.SEQUENCE.gt((int) Math.min(after, Integer.MAX_VALUE)))
                .orderBy(MESSAGE_VECTOR.SEQUENCE)
                .fetch(row -> new StoredVector(row.value1(), new MessageId(row.value2()),
                        new ConversationId(row.value3()), Role.fromWireName(row.value4()),
                        PackedVector.fromBytes(row.value5()))));
    }

    @Override
    public long lastSequence(OwnerId owner, String model) {
        return database.read(session -> {
            Number last = session.dsl().select(DSL.max(MESSAGE_VECTOR.SEQUENCE)).from(MESSAGE_VECTOR)
                    .where(MESSAGE_VECTOR.OWNER_ID.eq(owner.value()), MESSAGE_VECTOR.MODEL.eq(model))
                    .fetchOne(0, Number.class);
            return last == null ? 0L : last.longValue();
        });
    }
}

package dev.pippa.adapter.out.sqlite;

import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Message;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.PageRequest;
import dev.pippa.domain.SortOrder;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Pages of a conversation's messages: one reader for listing and for the summaries' reads. */
final class MessageRows {

    private MessageRows() {
    }

    /**
     * Up to {@code limit} of the conversation's messages in {@code order}, after the message id
     * {@code afterId} (null: from the start); none when the owner has no such conversation.
     */
    static List<Message> page(Session session, OwnerId owner, ConversationId conversationId, SortOrder order,
                                        String afterId, int limit) throws SQLException {
        PreparedStatement select = session.statement(SqlStatements.messagePage(order, afterId != null));
        int parameter = 1;
        select.setString(parameter++, conversationId.value());
        select.setString(parameter++, owner.value());
        if (afterId != null) {
            select.setString(parameter++, afterId);
        }
        select.setInt(parameter, limit);
        List<Message> rows = new ArrayList<>(Math.min(limit, PageRequest.MAX_LIMIT + 1));
        try (ResultSet row = select.executeQuery()) {
            Records.MessageColumns columns = Records.MessageColumns.of(row);
            while (row.next()) {
                rows.add(Records.message(row, columns, conversationId));
            }
        }
        return rows;
    }
}

package dev.pippa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pippa.adapter.out.sqlite.SqliteConversationStore;
import dev.pippa.adapter.out.sqlite.SqliteDatabase;
import dev.pippa.adapter.out.sqlite.SqliteSettings;
import dev.pippa.application.port.in.ConversationUseCases;
import dev.pippa.application.port.in.CreateConversationCommand;
import dev.pippa.application.port.in.MessageUseCases;
import dev.pippa.application.port.in.PostMessageCommand;
import dev.pippa.application.service.Services;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.Message;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.PageRequest;
import dev.pippa.domain.Role;
import dev.pippa.domain.SortOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another JVM service embedding Pippa in-process: domain + application + the SQLite store, no HTTP.
 * docs/embedding.md shows this same code; keep the two in step.
 */
class EmbeddingExampleTest {

    @TempDir
    Path directory;

    @Test
    void givenAnEmbeddedStore_whenAServiceRecordsAChat_thenItReadsTheHistoryBackAfterARestart() {
        Path file = directory.resolve("chat.db");
        OwnerId user = new OwnerId("user-42");
        Conversation chat;

        try (SqliteDatabase database = SqliteDatabase.open(SqliteSettings.defaults(file))) {
            SqliteConversationStore store = new SqliteConversationStore(database);
            ConversationUseCases conversations = Services.conversations(store);
            MessageUseCases messages = Services.messages(store);
            chat = conversations.createConversation(
                    new CreateConversationCommand(user, new NewConversation("Order #1234", null)));
            messages.postMessage(new PostMessageCommand(user, chat.id(),
                    new NewMessage(Role.USER, "Where is my order?", null)));
            messages.postMessage(new PostMessageCommand(user, chat.id(),
                    new NewMessage(Role.ASSISTANT, "It ships tomorrow.", null)));
        }

        try (SqliteDatabase database = SqliteDatabase.open(SqliteSettings.defaults(file))) {
            SqliteConversationStore store = new SqliteConversationStore(database);
            ConversationUseCases conversations = Services.conversations(store);
            MessageUseCases messages = Services.messages(store);
            Page<Message> history = messages.listMessages(user, chat.id(), PageRequest.first(20, SortOrder.ASC));

            assertThat(history.items()).extracting(Message::role, Message::content).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(Role.USER, "Where is my order?"),
                    org.assertj.core.groups.Tuple.tuple(Role.ASSISTANT, "It ships tomorrow."));
            assertThat(conversations.getConversation(user, chat.id()).messageCount()).isEqualTo(2);
        }
    }
}

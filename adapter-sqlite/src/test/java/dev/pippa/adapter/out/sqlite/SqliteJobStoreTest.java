package dev.pippa.adapter.out.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pippa.application.testing.JobStoreContract;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.job.JobCounts;
import dev.pippa.application.port.out.JobStore;
import dev.pippa.application.port.out.MessageJobs;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.job.NewJob;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.NotFoundException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Role;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteJobStoreTest extends JobStoreContract {

    private static final OwnerId OWNER = new OwnerId("outbox");
    private static final MessageJobs ONE_JOB_PER_MESSAGE = (owner, message, messageCount) ->
            List.of(new NewJob("index_message", owner, message.conversationId(), message.id()));

    @TempDir
    Path directory;

    private SqliteStores sqlite;

    @Override
    protected JobStore openJobStore() {
        sqlite = SqliteStores.open(SqliteSettings.defaults(directory.resolve("jobs.db")), clock,
                ONE_JOB_PER_MESSAGE);
        return sqlite.jobs();
    }

    @AfterEach
    void close() {
        sqlite.close();
    }

    @Test
    void givenAMessage_whenAppended_thenItsJobIsQueuedWithItAndSurvivesReopening() {
        Conversation conversation = sqlite.conversations().createConversation(OWNER, new NewConversation("outbox", null));
        var message = sqlite.conversations().appendMessage(OWNER, conversation.id(), new NewMessage(Role.USER, "index me", null));
        sqlite.close();

        sqlite = SqliteStores.open(sqlite.settings(), clock, ONE_JOB_PER_MESSAGE);

        assertThat(sqlite.jobs().leaseJobs(10, LEASE)).singleElement()
                .satisfies(job -> assertThat(job.work().messageId()).isEqualTo(message.id()));
    }

    @Test
    void givenAnAppendThatFails_whenItIsRolledBack_thenNoJobIsLeftBehind() {
        Conversation conversation = sqlite.conversations().createConversation(OWNER, new NewConversation("outbox", null));
        sqlite.conversations().deleteConversation(OWNER, conversation.id());

        try {
            sqlite.conversations().appendMessage(OWNER, conversation.id(), new NewMessage(Role.USER, "orphan", null));
        } catch (NotFoundException expected) {
            // the conversation is gone: neither the message nor its job may exist
        }

        assertThat(sqlite.jobs().countJobs()).isEqualTo(new JobCounts(0, 0, 0));
    }

    @Test
    void givenPendingJobs_whenTheirConversationIsDeleted_thenTheyGoWithIt() {
        Conversation conversation = sqlite.conversations().createConversation(OWNER, new NewConversation("doomed", null));
        sqlite.conversations().appendMessage(OWNER, conversation.id(), new NewMessage(Role.USER, "a", null));

        sqlite.conversations().deleteConversation(OWNER, conversation.id());

        assertThat(sqlite.jobs().countJobs()).isEqualTo(new JobCounts(0, 0, 0));
    }
}

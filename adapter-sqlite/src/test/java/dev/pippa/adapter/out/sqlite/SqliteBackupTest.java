package dev.pippa.adapter.out.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pippa.domain.Conversation;
import dev.pippa.domain.Message;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.PageRequest;
import dev.pippa.domain.Role;
import dev.pippa.domain.SortOrder;
import dev.pippa.domain.StorageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteBackupTest {

    private static final OwnerId OWNER = new OwnerId("backed-up");

    @TempDir
    Path directory;

    @Test
    void givenWritesGoingOn_whenBackedUp_thenTheCopyHoldsEverythingCommittedBeforeAndOpensAsAStore() throws Exception {
        SqliteSettings live = SqliteSettings.defaults(directory.resolve("live.db"));
        Path copy = directory.resolve("copy.db");
        List<Message> beforeBackup = new ArrayList<>();
        Conversation conversation;
        try (SqliteStores store = SqliteStores.open(live)) {
            conversation = store.conversations().createConversation(OWNER, new NewConversation("backed up", null));
            for (int i = 0; i < 200; i++) {
                beforeBackup.add(store.conversations().appendMessage(OWNER, conversation.id(), new NewMessage(Role.USER, "m" + i, null)));
            }
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = Thread.ofVirtual().start(() -> {
                while (writing.get()) {
                    store.conversations().appendMessage(OWNER, conversation.id(), new NewMessage(Role.USER, "during", null));
                }
            });

            long bytes = SqliteBackup.backUp(live, copy);
            writing.set(false);
            writer.join();

            assertThat(bytes).isPositive();
        }
        try (SqliteStores restored = SqliteStores.open(SqliteSettings.defaults(copy))) {
            List<Message> found = new ArrayList<>();
            String cursor = null;
            do {
                var page = restored.conversations().listMessages(OWNER, conversation.id(), new PageRequest(100, SortOrder.ASC, cursor));
                found.addAll(page.items());
                cursor = page.nextCursor();
            } while (cursor != null);
            assertThat(found).startsWith(beforeBackup.toArray(Message[]::new));
            assertThat(restored.conversations().findConversation(OWNER, conversation.id()).orElseThrow().messageCount())
                    .isEqualTo(found.size());
        }
    }

    @Test
    void givenAnExistingTarget_whenBackingUp_thenRefusedAndTheTargetIsUntouched() throws Exception {
        SqliteSettings live = SqliteSettings.defaults(directory.resolve("live2.db"));
        SqliteStores.open(live).close();
        Path existing = java.nio.file.Files.writeString(directory.resolve("precious.db"), "keep me");

        assertThatThrownBy(() -> SqliteBackup.backUp(live, existing))
                .isInstanceOf(StorageException.class).hasMessageContaining("will not overwrite");
        assertThat(java.nio.file.Files.readString(existing)).isEqualTo("keep me");
    }
}

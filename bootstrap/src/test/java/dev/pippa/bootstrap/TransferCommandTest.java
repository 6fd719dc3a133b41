package dev.pippa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pippa.adapter.out.sqlite.SqliteSettings;
import dev.pippa.application.testing.UseCasesOver;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.Message;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.PageRequest;
import dev.pippa.domain.Role;
import dev.pippa.domain.SortOrder;
import dev.pippa.domain.user.Email;
import dev.pippa.domain.user.PasswordHash;
import dev.pippa.domain.user.User;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pippa export} and {@code pippa import} on real SQLite files, with no server. */
class TransferCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private record Run(int exit, String output) {
    }

    private static Run run(Path database, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = TransferCommand.run(args, Map.of("PIPPA_DB_PATH", database.toString()),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
    }

    private static Persistence open(Path database) {
        return Persistence.open(new DatabaseChoice.Sqlite(SqliteSettings.defaults(database)), Clock.systemUTC());
    }

    private static OwnerId ownerOf(User user) {
        return new OwnerId(user.id().value());
    }

    private static List<String> objects(Path file) throws Exception {
        List<String> objects = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode node = JSON.readTree(line);
            objects.add(node.get("object").asText() + ":" + (node.has("content") ? node.get("content").asText()
                    : node.has("title") ? node.get("title").asText() : node.get("id").asText()));
        }
        return objects;
    }

    @Test
    void givenUsersAndTheSingleTenantOwner_whenExported_thenOneUserOrEveryoneAndImportedIntoAnotherFileOnce()
            throws Exception {
        Path source = folder.resolve("source.db");
        User ada;
        try (Persistence store = open(source)) {
            ada = store.users().createUser(new Email("ada@example.com"), new PasswordHash("$argon2id$v=19$x"));
            UseCasesOver use = new UseCasesOver(store.conversations());
            Conversation trip = use.createConversation(ownerOf(ada), new NewConversation("trip", null));
            use.appendMessage(ownerOf(ada), trip.id(), new NewMessage(Role.USER, "Lisbon?", null));
            Conversation local = use.createConversation(new OwnerId("default"), new NewConversation("local", null));
            use.appendMessage(new OwnerId("default"), local.id(), new NewMessage(Role.USER, "hi", null));
        }
        Path adas = folder.resolve("ada.ndjson");
        Path everyone = folder.resolve("all.ndjson");

        Run one = run(source, "export", adas.toString(), "--user", "ada@example.com");
        Run all = run(source, "export", everyone.toString());

        assertThat(one.exit()).as(one.output()).isZero();
        assertThat(objects(adas)).containsExactly("conversation:trip", "message:Lisbon?");
        assertThat(all.exit()).as(all.output()).isZero();
        assertThat(objects(everyone)).containsExactly("owner:" + ada.id().value(), "conversation:trip",
                "message:Lisbon?", "owner:default", "conversation:local", "message:hi");

        Path target = folder.resolve("target.db");
        User bob;
        try (Persistence store = open(target)) {
            bob = store.users().createUser(new Email("bob@example.com"), new PasswordHash("$argon2id$v=19$y"));
        }
        Run imported = run(target, "import", everyone.toString(), "--user", "bob@example.com");
        Run again = run(target, "import", everyone.toString(), "--user", "bob@example.com");

        assertThat(imported.exit()).as(imported.output()).isZero();
        assertThat(imported.output()).contains("imported 2 conversations, 2 messages");
        assertThat(again.output()).contains("imported 0 conversations").contains("2 already imported");
        try (Persistence store = open(target)) {
            List<Conversation> bobs = new UseCasesOver(store.conversations())
                    .listConversations(ownerOf(bob), PageRequest.first(10, SortOrder.ASC)).items();
            assertThat(bobs).extracting(Conversation::title).containsExactlyInAnyOrder("trip", "local");
            List<Message> messages = store.conversations().listMessages(ownerOf(bob), bobs.getFirst().id(), null,
                    SortOrder.ASC, 10);
            assertThat(messages).hasSize(1);
        }
    }

    @Test
    void givenAnUnknownUserOrNoFile_whenRun_thenOneLineAndExit2() {
        Path database = folder.resolve("empty.db");

        Run unknown = run(database, "export", folder.resolve("x.ndjson").toString(), "--user", "nobody@example.com");
        Run missing = run(database, "import", folder.resolve("missing.ndjson").toString());
        Run usage = run(database, "export");

        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.output()).contains("no user has the email nobody@example.com").hasLineCount(1);
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.output()).startsWith("pippa: cannot import:").hasLineCount(1);
        assertThat(usage.exit()).isEqualTo(2);
    }
}

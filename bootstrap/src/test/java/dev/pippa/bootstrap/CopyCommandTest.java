package dev.pippa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pippa.adapter.out.postgres.EmbeddedPostgresServer;
import dev.pippa.application.testing.UseCasesOver;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.IdempotencyKey;
import dev.pippa.domain.Idempotent;
import dev.pippa.domain.Message;
import dev.pippa.domain.Metadata;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.PageRequest;
import dev.pippa.domain.Role;
import dev.pippa.domain.SearchQuery;
import dev.pippa.domain.SortOrder;
import dev.pippa.domain.Summary;
import dev.pippa.domain.job.NewJob;
import dev.pippa.domain.user.Email;
import dev.pippa.domain.user.PasswordHash;
import dev.pippa.domain.user.User;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pippa copy} from SQLite to a real PostgreSQL and back, each copy read back through the ports. */
class CopyCommandTest {

    @TempDir
    Path directory;

    private record Run(int exit, String output) {
    }

    private static Run copy(String from, String to) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int exit = CopyCommand.run(new String[] {"copy", "--from", from, "--to", to}, Map.of(),
                new PrintStream(console, true, StandardCharsets.UTF_8));
        return new Run(exit, console.toString(StandardCharsets.UTF_8));
    }

    @Test
    void givenASqliteDatabase_whenCopiedToPostgresAndBack_thenEverythingArrivesVerifiedAndAFullTargetIsRefused() {
        Path original = directory.resolve("original.db");
        String postgres = EmbeddedPostgresServer.newDatabase();
        Path roundTrip = directory.resolve("round-trip.db");
        User ada;
        Conversation keyed;
        List<Message> posted = new ArrayList<>();
        Summary summary;
        Optional<Idempotent> key = Optional.of(Idempotent.createConversation(new IdempotencyKey("copy-key"),
                new NewConversation("keyed", null)));
        try (Persistence sqlite = Persistence.open(new DatabaseChoice.Sqlite(
                dev.pippa.adapter.out.sqlite.SqliteSettings.defaults(original)), Clock.systemUTC())) {
            ada = sqlite.users().createUser(new Email("ada@example.com"), new PasswordHash("$argon2id$v=19$kept"));
            OwnerId owner = new OwnerId(ada.id().value());
            UseCasesOver use = new UseCasesOver(sqlite.conversations());
            keyed = use.createConversation(owner, new NewConversation("keyed", null), key);
            for (int i = 0; i < 1_200; i++) { // more than two batches
                posted.add(use.appendMessage(owner, keyed.id(), new NewMessage(i % 2 == 0 ? Role.USER : Role.ASSISTANT,
                        "message " + i + (i == 7 ? " with a NUL \u0000 and 北京" : ""), Metadata.of(Map.of("n", "" + i)))));
            }
            for (int c = 0; c < 600; c++) {
                use.createConversation(new OwnerId("owner-" + c % 3), new NewConversation("other " + c, null));
            }
            summary = new Summary(keyed.id(), "they counted", posted.get(99).id(), 100, Instant.ofEpochMilli(1_000));
            sqlite.summaries().saveSummary(owner, summary, null);
            sqlite.jobs().enqueueJobs(List.of(new NewJob("summarize_conversation", owner, keyed.id(), null)));
        }

        Run there = copy(original.toString(), postgres);
        Run back = copy(postgres, roundTrip.toString());
        Run again = copy(original.toString(), postgres);

        assertThat(there.exit()).as(there.output()).isZero();
        assertThat(there.output()).contains("1 users, 601 conversations, 1200 messages, 1 idempotency keys, 1 summaries, 1 jobs")
                .contains("read back and verified").doesNotContain("postgres:postgres");
        assertThat(back.exit()).as(back.output()).isZero();
        String checksum = there.output().replaceAll("(?s).*sha-256 ([0-9a-f]+).*", "$1");
        assertThat(back.output()).as("the same checksum both ways").contains("sha-256 " + checksum);
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.output()).contains("cannot copy: to: is not empty");

        for (DatabaseChoice copied : List.of(Settings.databaseAt(postgres, Map.of()),
                Settings.databaseAt(roundTrip.toString(), Map.of()))) {
            try (Persistence target = Persistence.open(copied, Clock.systemUTC())) {
                OwnerId owner = new OwnerId(ada.id().value());
                UseCasesOver use = new UseCasesOver(target.conversations());
                assertThat(target.users().findUserByEmail(ada.email())).contains(ada);
                assertThat(use.listMessages(owner, keyed.id(), PageRequest.first(100, SortOrder.ASC)).items())
                        .isEqualTo(posted.subList(0, 100));
                assertThat(use.createConversation(owner, new NewConversation("keyed", null), key).id())
                        .as("the idempotency key replays").isEqualTo(keyed.id());
                assertThat(target.summaries().findSummary(owner, keyed.id())).contains(summary);
                assertThat(target.search().search(owner, new SearchQuery("北京", null, null,
                        PageRequest.first(5, SortOrder.ASC))).items()).extracting(hit -> hit.message().id())
                        .as("the search index was rebuilt").containsExactly(posted.get(7).id());
                assertThat(target.jobs().countJobs().pending()).isEqualTo(1);
            }
        }
    }

    @Test
    void givenBadArguments_whenCopying_thenUsageAndExitCode2() {
        assertThat(copy("a.db", "a.db").output()).contains("the source and the target are the same database");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        assertThat(CopyCommand.run(new String[] {"copy", "--from", "a.db"}, Map.of(),
                new PrintStream(console, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(console.toString(StandardCharsets.UTF_8)).contains(CopyCommand.USAGE);
    }
}

package dev.pippa.bootstrap;

import dev.pippa.adapter.in.http.Transfers;
import dev.pippa.application.port.in.ExportUseCases;
import dev.pippa.application.port.in.ImportUseCases;
import dev.pippa.application.service.BackgroundJobs;
import dev.pippa.application.service.Services;
import dev.pippa.domain.DomainException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.user.Email;
import dev.pippa.domain.user.User;
import dev.pippa.domain.user.UserId;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code pippa export FILE [--user EMAIL]} and {@code pippa import FILE [--user EMAIL]}: the API's export and
 * import for operators, on the configured database, with no server. Without {@code --user}, export writes
 * every user's conversations and those of the single-tenant owner ({@code PIPPA_OWNER}), each part after an
 * {@code "object":"owner"} line; import writes into the single-tenant owner.
 */
final class TransferCommand {

    static final String USAGE = "takes FILE and optionally --user EMAIL";
    private static final int USERS_PAGE = 500;

    private TransferCommand() {
    }

    static int run(String[] args, Map<String, String> environment, PrintStream console) {
        String verb = args[0];
        boolean withUser = args.length == 4 && args[2].equals("--user");
        if (!(args.length == 2 || withUser) || args[1].startsWith("-")) {
            console.println("pippa: " + verb + " " + USAGE);
            return Main.EXIT_CANNOT_START;
        }
        Path file = Path.of(args[1]);
        Settings.Reader settings = Settings.reader(environment);
        try (Persistence store = Persistence.open(DatabaseChoice.from(settings), Clock.systemUTC())) {
            List<Owner> owners = withUser ? List.of(user(store, args[3]))
                    : verb.equals("import") ? List.of(new Owner(Settings.owner(settings), null)) : all(store,
                    Settings.owner(settings));
            return verb.equals("export") ? export(store, owners, withUser, file, console)
                    : importInto(store, owners.getFirst().id(), Settings.summaryEvery(settings), file, console);
        } catch (Settings.InvalidSettingException | DomainException | IOException | UncheckedIOException
                 | IllegalArgumentException e) {
            console.println("pippa: cannot " + verb + ": " + e.getMessage());
            return Main.EXIT_CANNOT_START;
        }
    }

    private record Owner(OwnerId id, String email) {
    }

    private static Owner user(Persistence store, String email) {
        User user = store.users().findUserByEmail(new Email(email))
                .orElseThrow(() -> new IllegalArgumentException("no user has the email " + email));
        return new Owner(new OwnerId(user.id().value()), user.email().value());
    }

    /** Every user, then the single-tenant owner. */
    private static List<Owner> all(Persistence store, OwnerId singleTenant) {
        List<Owner> owners = new java.util.ArrayList<>();
        UserId after = null;
        List<User> page;
        do {
            page = store.forCopy().contents().users(after, USERS_PAGE);
            page.forEach(user -> owners.add(new Owner(new OwnerId(user.id().value()), user.email().value())));
            after = page.isEmpty() ? null : page.getLast().id();
        } while (page.size() == USERS_PAGE);
        owners.add(new Owner(singleTenant, null));
        return owners;
    }

    private static int export(Persistence store, List<Owner> owners, boolean oneUser, Path file, PrintStream console)
            throws IOException {
        ExportUseCases export = Services.export(store.conversations());
        long[] counts = new long[2];
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 64 * 1024)) {
            ExportUseCases.Sink lines = Transfers.ndjson(out);
            ExportUseCases.Sink counted = new ExportUseCases.Sink() {
                @Override
                public void conversation(dev.pippa.domain.Conversation conversation) {
                    counts[0]++;
                    lines.conversation(conversation);
                }

                @Override
                public void message(dev.pippa.domain.Message message) {
                    counts[1]++;
                    lines.message(message);
                }
            };
            for (Owner owner : owners) {
                if (!oneUser) {
                    out.write(Transfers.ownerLine(owner.id().value(), owner.email()));
                }
                export.exportAll(owner.id(), counted);
            }
        }
        console.printf("pippa: exported %d conversations, %d messages of %d owners to %s%n", counts[0], counts[1],
                owners.size(), file.toAbsolutePath());
        return Main.EXIT_OK;
    }

    /** The jobs queue what each imported message causes (indexing, summaries); the next server runs them. */
    private static int importInto(Persistence store, OwnerId owner, int summaryEvery, Path file, PrintStream console)
            throws IOException {
        ImportUseCases imports = Services.imports(store.conversations(), Clock.systemUTC(),
                BackgroundJobs.causedBy(summaryEvery));
        ImportUseCases.Report report;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            in.mark(4096);
            int first;
            do {
                first = in.read();
            } while (Character.isWhitespace(first));
            in.reset(); // a ChatGPT export is a JSON list; Pippa's export is lines of objects
            Iterator<ImportUseCases.Item> items = first == '[' ? Transfers.readChatGpt(in)
                    : Transfers.readNdjson(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
            report = imports.importConversations(owner, items);
        }
        console.printf("pippa: imported %d conversations, %d messages into owner %s (%d parts skipped, %d already"
                        + " imported, %d unreadable)%n", report.conversations(), report.messages(), owner.value(),
                report.skipped(), report.alreadyImported(), report.errors().size());
        report.errors().forEach(error -> console.println("pippa: import: " + error.message()));
        return report.errors().isEmpty() ? Main.EXIT_OK : 1;
    }
}

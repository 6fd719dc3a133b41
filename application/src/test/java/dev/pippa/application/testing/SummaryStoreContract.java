package dev.pippa.application.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pippa.domain.Conversation;
import dev.pippa.domain.Message;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Role;
import dev.pippa.domain.Summary;
import dev.pippa.application.port.out.SummaryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link SummaryStore} must have; each implementation runs it by extending this class. */
public abstract class SummaryStoreContract {

    private static final OwnerId OWNER = new OwnerId("ada");
    private static final OwnerId OTHER = new OwnerId("bob");

    private SearchStores stores;
    private SummaryStore summaries;
    private Conversation conversation;
    private final List<Message> posted = new ArrayList<>();

    /** A new, empty database with its stores. */
    protected abstract SearchStores openStores() throws Exception;

    @BeforeEach
    void open() throws Exception {
        stores = openStores();
        summaries = stores.summaries();
        conversation = stores.conversations().createConversation(OWNER, new NewConversation("c", null));
        for (int i = 1; i <= 5; i++) {
            posted.add(stores.conversations().appendMessage(OWNER, conversation.id(), new NewMessage(Role.USER, "m" + i, null)));
        }
    }

    @AfterEach
    void close() throws Exception {
        stores.close();
    }

    @Test
    void givenMessages_whenReadAfterOne_thenTheNextOnesOldestFirstUpToTheLimit() {
        assertThat(summaries.messagesAfter(OWNER, conversation.id(), null, 2)).containsExactlyElementsOf(posted.subList(0, 2));
        assertThat(summaries.messagesAfter(OWNER, conversation.id(), posted.get(1).id(), 10))
                .containsExactlyElementsOf(posted.subList(2, 5));
        assertThat(summaries.messagesAfter(OWNER, conversation.id(), posted.get(4).id(), 10)).isEmpty();
        assertThat(summaries.messagesAfter(OTHER, conversation.id(), null, 10)).as("another owner's").isEmpty();
    }

    @Test
    void givenASummary_whenAnOlderOneIsSavedLate_thenTheNewerOneStays() {
        Summary newer = summary("five", 4, 5);
        summaries.saveSummary(OWNER, newer, null);

        summaries.saveSummary(OWNER, summary("three", 2, 3), null);

        assertThat(summaries.findSummary(OWNER, conversation.id())).contains(newer);
    }

    @Test
    void givenASummary_whenANewerOneIsSaved_thenItReplacesIt() {
        summaries.saveSummary(OWNER, summary("three", 2, 3), null);
        Summary newer = summary("five", 4, 5);

        summaries.saveSummary(OWNER, newer, null);

        assertThat(summaries.findSummary(OWNER, conversation.id())).contains(newer);
        assertThat(summaries.findSummary(OTHER, conversation.id())).isEmpty();
    }

    private Summary summary(String text, int lastIndex, long covered) {
        return new Summary(conversation.id(), text, posted.get(lastIndex).id(), covered,
                Instant.ofEpochMilli(Instant.now().toEpochMilli()));
    }
}

package dev.pippa.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The domain's tests run here: pippa-domain declares no dependencies, not even for tests. */
class TimeOrderedIdsTest {

    @Test
    void givenAStoppedClock_whenManyIdsAreMade_thenTheyStillIncreaseStrictly() {
        TimeOrderedIds ids = new TimeOrderedIds(Clock.fixed(Instant.parse("2026-11-22T20:00:00Z"), ZoneOffset.UTC));
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            made.add(ids.next());
        }

        assertThat(made).doesNotHaveDuplicates().isSorted();
        assertThat(made).allMatch(id -> TimeOrderedIds.isWellFormed(id, 0));
    }

    @Test
    void givenALaterMillisecond_whenAnIdIsMade_thenItSortsAfterEveryEarlierOne() {
        Instant start = Instant.parse("2026-11-22T20:00:00Z");
        String earlier = new TimeOrderedIds(Clock.fixed(start, ZoneOffset.UTC)).next();
        String later = new TimeOrderedIds(Clock.fixed(start.plusMillis(1), ZoneOffset.UTC)).next();

        assertThat(later).isGreaterThan(earlier);
        assertThat(later.substring(0, 10)).isNotEqualTo(earlier.substring(0, 10)); // the time part moved
    }

    @Test
    void givenPrefixedIds_whenParsed_thenOnlyWellFormedOnesOfTheRightKindAreAccepted() {
        String ulid = TimeOrderedIds.shared().next();

        assertThat(new ConversationId("conv_" + ulid).value()).isEqualTo("conv_" + ulid);
        assertThat(new MessageId("msg_" + ulid).value()).isEqualTo("msg_" + ulid);
        for (String bad : List.of("conv_" + ulid.toLowerCase(), "conv_" + ulid + "0", "conv_" + ulid.substring(1),
                "conv_8" + ulid.substring(1), "conv_" + ulid.replace(ulid.charAt(5), 'U'), "msg_" + ulid)) {
            assertThat(isConversationId(bad)).as(bad).isFalse();
        }
    }

    private static boolean isConversationId(String text) {
        try {
            new ConversationId(text);
            return true;
        } catch (InvalidInputException e) {
            assertThat(e.field()).isEqualTo("conversation_id");
            return false;
        }
    }
}

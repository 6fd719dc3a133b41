package dev.pippa.domain.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pippa.domain.ConversationId;
import dev.pippa.domain.InvalidInputException;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.TimeOrderedIds;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A response's life: queued, in progress, then exactly one outcome. */
class ResponseTest {

    private static final TimeOrderedIds IDS = TimeOrderedIds.shared();
    private static final Instant T0 = Instant.parse("2026-11-30T00:00:00Z");

    private static Response queued() {
        return Response.queued(ResponseId.next(IDS), new OwnerId("ada"), ConversationId.next(IDS),
                new GenerationRequest(null, null, 256, 0.7), MessageId.next(IDS), T0);
    }

    @Test
    void givenAQueuedResponse_whenItRunsAndCompletes_thenItCarriesItsMessageUsageAndTime() {
        MessageId output = MessageId.next(IDS);
        Response done = queued().started().finished(ResponseStatus.COMPLETED, output, new Response.Usage(120, 40),
                null, T0.plusSeconds(3));

        assertThat(done.status()).isEqualTo(ResponseStatus.COMPLETED);
        assertThat(done.outputMessageId()).isEqualTo(output);
        assertThat(done.usage().outputTokens()).isEqualTo(40);
        assertThat(done.completedAt()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void givenAFinishedResponse_whenItIsFinishedAgainOrRestarted_thenRefused() {
        Response failed = queued().started().finished(ResponseStatus.FAILED, null, Response.Usage.NONE,
                new Response.ResponseError("upstream_unavailable", "the model answered 503"), T0);

        assertThatThrownBy(failed::started).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> failed.finished(ResponseStatus.COMPLETED, MessageId.next(IDS), Response.Usage.NONE,
                null, T0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> queued().finished(ResponseStatus.COMPLETED, null, Response.Usage.NONE, null, T0))
                .as("completed without its message").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenOutOfRangeParameters_whenAsked_thenTheFieldIsNamed() {
        assertThatThrownBy(() -> new GenerationRequest(null, null, 0, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("max_output_tokens");
        assertThatThrownBy(() -> new GenerationRequest(null, null, null, 2.5)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("temperature");
        assertThatThrownBy(() -> new GenerationRequest("", null, null, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("instructions");
    }
}

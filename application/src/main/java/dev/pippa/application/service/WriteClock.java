package dev.pippa.application.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The time of a write, to the millisecond: what every store keeps, so what is stored is what was answered. */
record WriteClock(Clock clock) {

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

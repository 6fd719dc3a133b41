package dev.pippa.domain;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * How busy one owner is: their conversations and messages in all, and their messages per day (UTC) since a
 * day, days without messages left out.
 */
public record Activity(long conversations, long messages, Map<LocalDate, Long> messagesPerDay) {

    public Activity {
        messagesPerDay = new TreeMap<>(messagesPerDay);
    }
}

package dev.pippa.adapter.out.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pippa.application.port.out.JobSelection;
import dev.pippa.domain.SortOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rendered statements take exactly the parameters, in the order, their callers bind. */
class SqlStatementsTest {

    @Test
    void givenTheHotStatements_whenRendered_thenEachHasTheDocumentedNumberOfParameters() {
        assertThat(parameters(SqlStatements.INSERT_MESSAGE)).isEqualTo(7);
        assertThat(parameters(SqlStatements.INSERT_JOB)).isEqualTo(7);
        for (JobSelection which : List.of(JobSelection.EVERY, JobSelection.only("a"), JobSelection.allBut("a"))) {
            assertThat(parameters(SqlStatements.anyJobDue(which))).isEqualTo(2);
            assertThat(parameters(SqlStatements.leaseJobs(which))).isEqualTo(4);
        }
        assertThat(parameters(SqlStatements.DELETE_JOB)).isEqualTo(1);
        assertThat(parameters(SqlStatements.SELECT_SUMMARY)).isEqualTo(2);
        assertThat(parameters(SqlStatements.SAVE_SUMMARY)).isEqualTo(7);
        assertThat(parameters(SqlStatements.INSERT_CONVERSATION)).isEqualTo(14);
        assertThat(parameters(SqlStatements.UPDATE_CONVERSATION)).isEqualTo(14);
        assertThat(parameters(SqlStatements.SELECT_MESSAGE)).isEqualTo(3);
        assertThat(parameters(SqlStatements.SELECT_CONVERSATION)).isEqualTo(2);
        assertThat(parameters(SqlStatements.SELECT_IDEMPOTENCY_KEY)).isEqualTo(2);
        for (SortOrder order : SortOrder.values()) {
            assertThat(parameters(SqlStatements.messagePage(order, false))).isEqualTo(3);
            assertThat(parameters(SqlStatements.messagePage(order, true))).isEqualTo(4);
        }
        assertThat(List.of(SqlStatements.messagePage(SortOrder.ASC, true), SqlStatements.messagePage(SortOrder.DESC, true)))
                .allMatch(sql -> sql.contains("limit ?"));
    }

    private static long parameters(String sql) {
        return sql.chars().filter(c -> c == '?').count();
    }
}

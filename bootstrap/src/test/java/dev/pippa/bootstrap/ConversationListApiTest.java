package dev.pippa.bootstrap;

import static dev.pippa.bootstrap.HttpApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archive, pin and the list's filters over HTTP, on the production wiring and a real SQLite file. */
class ConversationListApiTest {

    @TempDir
    static Path directory;

    static PippaServer server;
    static ApiClient api;
    static String recipe;
    static String notes;
    static String archived;
    static String pinned;

    @BeforeAll
    static void startServerWithConversations() {
        server = PippaServer.start(HttpApiTest.testSettings(directory, Map.of()));
        api = new ApiClient(server.port());
        recipe = api.post("/v1/conversations", "{\"title\":\"Crème Brûlée\",\"metadata\":{\"project\":\"apollo\"}}")
                .json().get("id").asText();
        notes = api.newConversation("creme brulee notes");
        archived = api.newConversation("Crème archived");
        pinned = api.post("/v1/conversations", "{\"title\":\"Pinned\",\"pinned\":true}").json().get("id").asText();
        api.newConversation("unrelated");
        api.patch("/v1/conversations/" + archived, "{\"archived\":true,\"metadata\":{\"project\":\"apollo\"}}");
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @Test
    void givenArchivedAndPinnedConversations_whenListed_thenArchivedHideAndPinnedComeFirst() {
        List<String> listed = ids("/v1/conversations?limit=2");

        assertThat(listed).hasSize(4).startsWith(pinned).doesNotContain(archived);
        assertThat(ids("/v1/conversations?archived=true")).containsExactly(archived);
        assertThat(ids("/v1/conversations?archived=all")).hasSize(5).startsWith(pinned, archived);
        assertThat(ids("/v1/conversations?archived=all&order=asc").reversed())
                .containsExactlyElementsOf(ids("/v1/conversations?archived=all"));
        JsonNode shown = api.get("/v1/conversations/" + archived).json();
        assertThat(shown.get("archived").asBoolean()).isTrue();
        assertThat(shown.get("pinned").asBoolean()).isFalse();
    }

    @Test
    void givenTitleAndMetadataFilters_whenListed_thenOnlyMatchesComeWithPaging() {
        assertThat(ids("/v1/conversations?limit=1&q=" + encode("CRÈME brulee"))).containsExactly(notes, recipe);
        assertThat(ids("/v1/conversations?limit=1&q=creme&archived=all")).containsExactly(archived, notes, recipe);
        assertThat(ids("/v1/conversations?" + encode("metadata[project]") + "=apollo")).containsExactly(recipe);
        assertThat(ids("/v1/conversations?archived=all&q=archived&metadata%5Bproject%5D=apollo"))
                .containsExactly(archived);
        assertThat(ids("/v1/conversations?metadata%5Bproject%5D=Apollo")).isEmpty();
    }

    @Test
    void givenBadFilters_whenListed_then400NamesTheParameter() {
        assertNamed(api.get("/v1/conversations?archived=maybe"), "archived");
        assertNamed(api.get("/v1/conversations?q=" + "x".repeat(257)), "q");
        assertNamed(api.get("/v1/conversations?metadata%5Ba%5D=1&metadata%5Ba%5D=2"), "metadata[a]");
        assertNamed(api.get("/v1/conversations?metadata%5B%5D=1"), "metadata[]");
        assertNamed(api.get("/v1/conversations?metadata%5Ba%5D=1&metadata%5Bb%5D=1&metadata%5Bc%5D=1"
                + "&metadata%5Bd%5D=1&metadata%5Be%5D=1"), "metadata");
    }

    @Test
    void givenAFlagThatIsNotABoolean_whenPatched_then422AndNothingChanges() {
        ApiClient.Reply refused = api.patch("/v1/conversations/" + notes, "{\"archived\":\"yes\",\"title\":\"x\"}");

        assertProblem(refused, 422, "validation_failed");
        assertThat(refused.body()).contains("archived");
        assertThat(api.get("/v1/conversations/" + notes).json().get("title").asText()).isEqualTo("creme brulee notes");
    }

    private static void assertNamed(ApiClient.Reply reply, String parameter) {
        assertProblem(reply, 400, "invalid_parameter");
        assertThat(reply.body()).contains("\"" + parameter.replace("\"", "\\\""));
    }

    /** Every id of a list, page by page. */
    private static List<String> ids(String path) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get(path + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("data").forEach(conversation -> seen.add(conversation.get("id").asText()));
            cursor = page.get("has_more").asBoolean() ? page.get("next_cursor").asText() : null;
        } while (cursor != null);
        return seen;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

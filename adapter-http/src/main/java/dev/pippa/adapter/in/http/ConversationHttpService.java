package dev.pippa.adapter.in.http;

import dev.pippa.application.port.in.CreateConversationCommand;
import dev.pippa.application.port.in.EditMessageCommand;
import dev.pippa.application.port.in.PostMessageCommand;
import dev.pippa.application.port.in.UpdateConversationCommand;
import dev.pippa.application.port.in.ConversationUseCases;
import dev.pippa.application.port.in.MessageUseCases;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationFilter;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.ConversationPatch;
import dev.pippa.domain.IdempotencyKey;
import dev.pippa.domain.InvalidInputException;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.Metadata;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.NotFoundException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.PageRequest;
import dev.pippa.domain.SortOrder;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/** The v1 conversation and message endpoints (DESIGN §3). Handlers parse, call one use case, render. */
public final class ConversationHttpService {

    static final String CONVERSATIONS = "/v1/conversations";
    private static final HeaderName IDEMPOTENCY_KEY = HeaderNames.create("Idempotency-Key");

    private final ConversationUseCases conversations;
    private final MessageUseCases messages;
    private final CursorSeal cursors;

    /** @param cursorKey the key that seals the cursors of every list (see {@link CursorSeal}) */
    public ConversationHttpService(ConversationUseCases conversations, MessageUseCases messages, byte[] cursorKey) {
        this.conversations = conversations;
        this.messages = messages;
        this.cursors = new CursorSeal(cursorKey);
    }

    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(Method.POST, CONVERSATIONS, this::createConversation),
                new ApiRoute(Method.GET, CONVERSATIONS, QueryParameters.CONVERSATION_LIST, this::listConversations),
                new ApiRoute(Method.GET, CONVERSATIONS + "/{conversation_id}", this::getConversation),
                new ApiRoute(Method.PATCH, CONVERSATIONS + "/{conversation_id}", this::updateConversation),
                new ApiRoute(Method.DELETE, CONVERSATIONS + "/{conversation_id}", this::deleteConversation),
                new ApiRoute(Method.POST, CONVERSATIONS + "/{conversation_id}/messages", this::postMessage),
                new ApiRoute(Method.GET, CONVERSATIONS + "/{conversation_id}/messages", QueryParameters.PAGING,
                        this::listMessages),
                new ApiRoute(Method.GET, CONVERSATIONS + "/{conversation_id}/messages/{message_id}", this::getMessage),
                new ApiRoute(Method.PATCH, CONVERSATIONS + "/{conversation_id}/messages/{message_id}", this::editMessage),
                new ApiRoute(Method.DELETE, CONVERSATIONS + "/{conversation_id}/messages/{message_id}",
                        this::deleteMessage),
                new ApiRoute(Method.POST, CONVERSATIONS + "/{conversation_id}/fork", this::fork));
    }

    private void createConversation(ServerRequest request, ServerResponse response) {
        OwnerId owner = AccessControl.ownerOf(request);
        BodyFields fields = new BodyFields(RequestBodies.readObject(request));
        Requests.ConversationBody body = Requests.validated(Requests.ConversationBody.from(fields), fields);
        NewConversation draft = new NewConversation(body.title(), Metadata.of(body.metadata()),
                body.archived().orElse(false), body.pinned().orElse(false));
        Conversation created = conversations.createConversation(new CreateConversationCommand(owner, draft, idempotencyKey(request)));
        response.header(HeaderNames.LOCATION, CONVERSATIONS + "/" + created.id().value());
        sendConversation(request, response, Status.CREATED_201, created);
    }

    private void listConversations(ServerRequest request, ServerResponse response) {
        PageRequest page = QueryParameters.page(request, SortOrder.DESC, cursors);
        ConversationFilter filter = QueryParameters.conversationFilter(request);
        OwnerId owner = AccessControl.ownerOf(request);
        Send.json(request, response, Status.OK_200, Responses.ListJson.from(
                QueryParameters.asParameterError(() -> conversations.listConversations(owner, filter, page)),
                Responses.ConversationJson::from, cursors));
    }

    private void getConversation(ServerRequest request, ServerResponse response) {
        Conversation conversation = conversations.getConversation(AccessControl.ownerOf(request), conversationId(request));
        sendConversation(request, response, Status.OK_200, conversation);
    }

    private void updateConversation(ServerRequest request, ServerResponse response) {
        OwnerId owner = AccessControl.ownerOf(request);
        ConversationId id = conversationId(request);
        OptionalLong expectedVersion = ETags.ifMatch(request);
        BodyFields fields = new BodyFields(RequestBodies.readObject(request));
        Requests.ConversationBody body = Requests.validated(Requests.ConversationBody.from(fields), fields);
        // Absent leaves a field alone; "title": null (or "") removes the title; metadata replaces whole.
        Optional<String> title = fields.has("title") ? Optional.of(body.title() == null ? "" : body.title()) : Optional.empty();
        Optional<Metadata> metadata = fields.has("metadata") ? Optional.of(Metadata.of(body.metadata())) : Optional.empty();
        ConversationPatch patch = new ConversationPatch(title, metadata, body.archived(), body.pinned(),
                expectedVersion);
        Conversation updated = conversations.updateConversation(new UpdateConversationCommand(owner, id, patch));
        sendConversation(request, response, Status.OK_200, updated);
    }

    private void deleteConversation(ServerRequest request, ServerResponse response) {
        conversations.deleteConversation(AccessControl.ownerOf(request), conversationId(request));
        response.status(Status.NO_CONTENT_204).send();
    }

    private void postMessage(ServerRequest request, ServerResponse response) {
        OwnerId owner = AccessControl.ownerOf(request);
        ConversationId conversationId = conversationId(request);
        BodyFields fields = new BodyFields(RequestBodies.readObject(request));
        Requests.MessageBody body = Requests.validated(Requests.MessageBody.from(fields), fields);
        Message posted = messages.postMessage(new PostMessageCommand(owner, conversationId, body.draft(),
                idempotencyKey(request)));
        response.header(HeaderNames.LOCATION,
                CONVERSATIONS + "/" + conversationId.value() + "/messages/" + posted.id().value());
        Send.json(request, response, Status.CREATED_201, Responses.MessageJson.from(posted));
    }

    private void listMessages(ServerRequest request, ServerResponse response) {
        ConversationId conversationId = conversationId(request);
        PageRequest page = QueryParameters.page(request, SortOrder.ASC, cursors);
        OwnerId owner = AccessControl.ownerOf(request);
        Send.json(request, response, Status.OK_200, Responses.ListJson.from(
                QueryParameters.asParameterError(() -> messages.listMessages(owner, conversationId, page)),
                Responses.MessageJson::from, cursors));
    }

    private void getMessage(ServerRequest request, ServerResponse response) {
        ConversationId conversationId = conversationId(request);
        MessageId messageId = pathId(request, "message_id", MessageId::new, "message");
        Message message = messages.getMessage(AccessControl.ownerOf(request), conversationId, messageId);
        Send.json(request, response, Status.OK_200, Responses.MessageJson.from(message));
    }

    /** Absent fields stay as they are; metadata, when given, replaces the message's whole. */
    private void editMessage(ServerRequest request, ServerResponse response) {
        ConversationId conversationId = conversationId(request);
        MessageId messageId = pathId(request, "message_id", MessageId::new, "message");
        BodyFields fields = new BodyFields(RequestBodies.readObject(request));
        Requests.MessageEditBody body = Requests.validated(Requests.MessageEditBody.from(fields), fields);
        if (body.content() == null && !fields.has("metadata")) {
            throw ApiProblem.validation(List.of(new ApiProblem.FieldError("content", "give content, metadata, or both")));
        }
        Message edited = messages.editMessage(new EditMessageCommand(AccessControl.ownerOf(request), conversationId,
                messageId, body.content(), fields.has("metadata") ? Metadata.of(body.metadata()) : null));
        Send.json(request, response, Status.OK_200, Responses.MessageJson.from(edited));
    }

    private void deleteMessage(ServerRequest request, ServerResponse response) {
        messages.deleteMessage(AccessControl.ownerOf(request), conversationId(request),
                pathId(request, "message_id", MessageId::new, "message"));
        response.status(Status.NO_CONTENT_204).send();
    }

    /** {@code {"message_id": …}}: the last message the new conversation copies. */
    private void fork(ServerRequest request, ServerResponse response) {
        ConversationId original = conversationId(request);
        BodyFields fields = new BodyFields(RequestBodies.readObject(request));
        String raw = fields.string("message_id");
        fields.requireNoErrors();
        MessageId upTo;
        try {
            upTo = new MessageId(raw == null ? "" : raw);
        } catch (InvalidInputException e) {
            throw ApiProblem.validation(List.of(new ApiProblem.FieldError("message_id",
                    raw == null ? "is required" : "is not a message id")));
        }
        Conversation fork = messages.forkConversation(AccessControl.ownerOf(request), original, upTo);
        response.header(HeaderNames.LOCATION, CONVERSATIONS + "/" + fork.id().value());
        sendConversation(request, response, Status.CREATED_201, fork);
    }

    private static void sendConversation(ServerRequest request, ServerResponse response, Status status,
                                         Conversation conversation) {
        response.header(HeaderNames.ETAG, ETags.of(conversation));
        Send.json(request, response, status, Responses.ConversationJson.from(conversation));
    }

    static Optional<IdempotencyKey> idempotencyKey(ServerRequest request) {
        return request.headers().first(IDEMPOTENCY_KEY).map(value -> {
            try {
                return new IdempotencyKey(value);
            } catch (InvalidInputException e) {
                throw ApiProblem.badRequest("invalid_header", "Header Idempotency-Key " + e.reason() + " (at most "
                        + IdempotencyKey.MAX_LENGTH + " characters).");
            }
        });
    }

    /** The {@code conversation_id} path parameter; a malformed one is a 404, like an unknown one. */
    static ConversationId conversationId(ServerRequest request) {
        return pathId(request, "conversation_id", ConversationId::new, "conversation");
    }

    /** An id that is not even well-formed names nothing: 404, the same as an unknown one. */
    static <T> T pathId(ServerRequest request, String name, Function<String, T> parse,
                                String resource) {
        String raw = request.path().pathParameters().get(name);
        try {
            return parse.apply(raw);
        } catch (InvalidInputException e) {
            throw new NotFoundException(resource, raw);
        }
    }
}

package dev.pippa.adapter.in.http;

import dev.pippa.application.port.in.Password;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.user.Email;
import dev.pippa.domain.Message;
import dev.pippa.domain.Metadata;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.Role;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Payload;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.validator.constraints.CodePointLength;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * The request bodies of the API as records, validated with Jakarta Validation. Limits come from the
 * domain's constants, so the API and the domain cannot disagree; lengths count code points.
 */
final class Requests {

    private static final String MAX_CHARS = "must be at most {max} characters";
    private static final String MAX_PAIRS = "must have at most {max} pairs";

    /** A metadata key: 1 to 64 characters. */
    @CodePointLength(min = 1, max = Metadata.MAX_KEY_LENGTH, message = "keys must be {min} to {max} characters")
    @Constraint(validatedBy = {})
    @Target(ElementType.TYPE_USE)
    @Retention(RetentionPolicy.RUNTIME)
    @interface MetadataKey {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** A metadata value: at most 512 characters. */
    @CodePointLength(max = Metadata.MAX_VALUE_LENGTH, message = MAX_CHARS)
    @Constraint(validatedBy = {})
    @Target(ElementType.TYPE_USE)
    @Retention(RetentionPolicy.RUNTIME)
    @interface MetadataValue {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    record ConversationBody(
            @CodePointLength(max = Conversation.MAX_TITLE_LENGTH, message = MAX_CHARS)
            String title,
            @Size(max = Metadata.MAX_PAIRS, message = MAX_PAIRS)
            Map<@MetadataKey String, @MetadataValue String> metadata,
            Optional<Boolean> archived,
            Optional<Boolean> pinned) {

        static ConversationBody from(BodyFields fields) {
            return new ConversationBody(fields.string("title"), fields.stringMap("metadata"), fields.flag("archived"),
                    fields.flag("pinned"));
        }
    }

    record MessageBody(
            @NotNull(message = "is required")
            @DomainValue.RoleName
            String role,
            @NotNull(message = "is required")
            @CodePointLength(min = 1, max = Message.MAX_CONTENT_LENGTH, message = "must be {min} to {max} characters")
            String content,
            @Size(max = Metadata.MAX_PAIRS, message = MAX_PAIRS)
            Map<@MetadataKey String, @MetadataValue String> metadata) {

        static MessageBody from(BodyFields fields) {
            return new MessageBody(fields.string("role"), fields.string("content"), fields.stringMap("metadata"));
        }

        NewMessage draft() {
            return new NewMessage(Role.fromWireName(role), content, Metadata.of(metadata));
        }
    }

    /** An edit of a message: content, metadata, or both. */
    record MessageEditBody(
            @CodePointLength(min = 1, max = Message.MAX_CONTENT_LENGTH, message = "must be {min} to {max} characters")
            String content,
            @Size(max = Metadata.MAX_PAIRS, message = MAX_PAIRS)
            Map<@MetadataKey String, @MetadataValue String> metadata) {

        static MessageEditBody from(BodyFields fields) {
            return new MessageEditBody(fields.string("content"), fields.stringMap("metadata"));
        }
    }

    record RegistrationBody(
            @NotNull(message = "is required")
            @CodePointLength(max = Email.MAX_LENGTH, message = MAX_CHARS)
            @Pattern(regexp = Email.INPUT_REGEX, message = Email.SHAPE_MESSAGE)
            String email,
            @NotNull(message = "is required")
            @CodePointLength(min = Password.MIN_LENGTH, max = Password.MAX_LENGTH,
                    message = "must be {min} to {max} characters")
            String password) {

        static RegistrationBody from(BodyFields fields) {
            return new RegistrationBody(fields.string("email"), fields.string("password"));
        }

        @Override
        public String toString() {
            return "RegistrationBody[email=" + email + ", password=redacted]";
        }
    }

    // The parameter interpolator needs no expression language: faster to start, nothing evaluated.
    private static final Validator VALIDATOR = Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();

    private Requests() {
    }

    /** Type errors from binding and constraint violations, together, as one 422; else the record. */
    static <T> T validated(T body, BodyFields fields) {
        List<ApiProblem.FieldError> errors = new ArrayList<>(fields.errors());
        for (ConstraintViolation<T> violation : VALIDATOR.validate(body)) {
            String field = fieldOf(violation.getPropertyPath());
            if (!fields.failed(field)) { // one entry per problem: a wrong type is not also "is required"
                errors.add(new ApiProblem.FieldError(field, violation.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(ApiProblem.FieldError::field));
            throw ApiProblem.validation(errors);
        }
        return body;
    }

    /** "metadata.<key>" for a metadata value, "metadata" for a key or the map itself, else the field. */
    private static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (field.isEmpty()) {
                field.append(node.getName());
            } else if ("<map value>".equals(node.getName()) && node.getKey() != null) {
                field.append('.').append(node.getKey());
            }
        }
        return field.toString();
    }
}

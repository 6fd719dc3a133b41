package dev.pippa.adapter.in.http;

import dev.pippa.domain.InvalidInputException;
import dev.pippa.domain.Role;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Constraints that ask the domain instead of repeating its rules: the request is valid exactly when the
 * domain would accept the value, and the message is the domain's own.
 */
final class DomainValue {

    private DomainValue() {
    }

    /** A message role the domain knows ({@link Role#fromWireName}); null is left to {@code @NotNull}. */
    @Constraint(validatedBy = RoleNameValidator.class)
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @interface RoleName {
        String message() default "is not a role";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** Public, with a public constructor: Hibernate Validator instantiates it reflectively. */
    public static final class RoleNameValidator implements ConstraintValidator<RoleName, String> {

        public RoleNameValidator() {
            // nothing to set up
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            try {
                Role.fromWireName(value);
                return true;
            } catch (InvalidInputException e) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(e.reason().replace("\\", "\\\\")
                        .replace("{", "\\{").replace("}", "\\}").replace("$", "\\$"))
                        .addConstraintViolation();
                return false;
            }
        }
    }
}

package com.partnerplatform.user;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

/**
 * A password the platform accepts: at least {@value #MIN_LENGTH} characters, and at most
 * {@value #MAX_BYTES} bytes in UTF-8 because bcrypt ignores (and Spring refuses) anything longer.
 * {@code null} is left to {@code @NotBlank}.
 */
@Documented
@Constraint(validatedBy = PasswordPolicy.Validator.class)
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
@interface PasswordPolicy {

  int MIN_LENGTH = 10;
  int MAX_BYTES = 72;

  String RULE = "must be at least " + MIN_LENGTH + " characters and at most " + MAX_BYTES + " bytes long";

  String message() default RULE;

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<PasswordPolicy, String> {

    static boolean accepts(String password) {
      return password.codePointCount(0, password.length()) >= MIN_LENGTH
          && password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }

    @Override
    public boolean isValid(String password, ConstraintValidatorContext context) {
      return password == null || accepts(password);
    }
  }
}

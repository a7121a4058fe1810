package com.partnerplatform.listing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The seed's listing rules: validation on submit, then the automated quality score that decides a
 * review nobody answered in time (DESIGN section 8).
 */
public final class ListingRules {

  static final int MIN_TITLE = 10;
  static final int MIN_DESCRIPTION = 50;
  static final int MAX_IMAGES = 50;
  static final List<String> SPAM_PHRASES = List.of("urgent", "guaranteed", "limited time", "act now", "call now");

  /**
   * Ten to fifteen digits, optionally grouped by single spaces, dots or dashes, an area code
   * perhaps in parentheses, or an e-mail address.
   */
  private static final Pattern CONTACT = Pattern.compile(
      "(?<!\\d)(?:\\+?\\(?\\d\\)?[ .-]?){9,14}\\d(?!\\d)|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

  // Score deductions in hundredths, so sums are exact.
  private static final int FULL = 100;
  private static final int PASS = 50;

  private ListingRules() {}

  /** Every rule the content breaks, in the seed's order; empty when it may go to review. */
  public static List<String> validate(ListingContent content) {
    List<String> errors = new ArrayList<>();
    if (length(content.title()) < MIN_TITLE) {
      errors.add("Title must be at least " + MIN_TITLE + " characters long");
    }
    if (length(content.description()) < MIN_DESCRIPTION) {
      errors.add("Description must be at least " + MIN_DESCRIPTION + " characters long");
    }
    if (content.price() == null || content.price().signum() <= 0) {
      errors.add("Price must be greater than 0");
    }
    if (blank(content.location().address())) {
      errors.add("Location address is required");
    }
    if (blank(content.location().city()) || blank(content.location().state())) {
      errors.add("City and state are required");
    }
    if (content.images().isEmpty()) {
      errors.add("At least one image is required");
    }
    if (content.images().size() > MAX_IMAGES) {
      errors.add("Maximum " + MAX_IMAGES + " images allowed");
    }
    return errors;
  }

  /** The automated checks on valid content: a score in [0, 1] and what lowered it. */
  public static QualityReport score(ListingContent content) {
    int score = FULL;
    List<String> issues = new ArrayList<>();
    if (content.images().size() < 5) {
      score -= 10;
      issues.add("Less than 5 images provided (recommended: 5-10)");
    }
    int description = length(content.description());
    if (description < 200) {
      score -= 10;
      issues.add("Description is short (recommended: 200+ characters)");
    }
    if (description > 2000) {
      score -= 5;
      issues.add("Description is very long (recommended: under 2000 characters)");
    }
    String text = (Objects.toString(content.title(), "") + "\n" + Objects.toString(content.description(), ""))
        .toLowerCase(Locale.ROOT);
    List<String> spam = SPAM_PHRASES.stream().filter(phrase -> containsWords(text, phrase)).toList();
    if (!spam.isEmpty()) {
      score -= 20;
      issues.add("Contains suspicious keywords: " + String.join(", ", spam));
    }
    if (CONTACT.matcher(text).find()) {
      score -= 30;
      issues.add("Contains contact information (phone/email) - use platform messaging instead");
    }
    ListingContent.Attributes attributes = content.attributes();
    long filled = Stream.of(attributes.bedrooms(), attributes.bathrooms(), attributes.area(),
            blank(content.title()) ? null : content.title(),
            blank(content.description()) ? null : content.description(), content.price())
        .filter(Objects::nonNull)
        .count();
    // Fewer than 80 % of the six fields: at most four of them.
    if (filled * 5 < 6 * 4) {
      score -= 10;
      issues.add("Incomplete property details");
    }
    int clamped = Math.max(0, Math.min(FULL, score));
    return new QualityReport(BigDecimal.valueOf(clamped, 2), issues, clamped >= PASS);
  }

  /** Whole words only: "contact now" does not say "act now", nor "insurgent" "urgent". */
  private static boolean containsWords(String text, String words) {
    return Pattern.compile("\\b" + Pattern.quote(words) + "\\b").matcher(text).find();
  }

  private static int length(String text) {
    return text == null ? 0 : text.strip().length();
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  /**
   * @param score between 0.00 and 1.00
   * @param passed the score reaches the seed's pass mark, 0.5
   */
  public record QualityReport(BigDecimal score, List<String> issues, boolean passed) {}
}

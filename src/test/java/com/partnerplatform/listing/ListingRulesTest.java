package com.partnerplatform.listing;

import static org.assertj.core.api.Assertions.assertThat;

import static com.partnerplatform.listing.TestContent.GOOD_DESCRIPTION;
import static com.partnerplatform.listing.TestContent.content;
import static com.partnerplatform.listing.TestContent.images;

import com.partnerplatform.listing.ListingRules.QualityReport;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The seed's validation rules and quality score (DESIGN section 8), rule by rule. */
class ListingRulesTest {

  @Test
  void completeContentBreaksNoRuleAndScoresFull() {
    assertThat(GOOD_DESCRIPTION).hasSize(200);
    ListingContent content = content().build();

    assertThat(ListingRules.validate(content)).isEmpty();
    QualityReport report = ListingRules.score(content);
    assertThat(report.score()).isEqualByComparingTo("1.00");
    assertThat(report.issues()).isEmpty();
    assertThat(report.passed()).isTrue();
  }

  // --- validation

  @Test
  void everyBrokenRuleIsReportedInTheSeedsOrder() {
    ListingContent empty = new ListingContent(null, null, null, null, null, null, null, null);

    assertThat(ListingRules.validate(empty)).containsExactly(
        "Title must be at least 10 characters long",
        "Description must be at least 50 characters long",
        "Price must be greater than 0",
        "Location address is required",
        "City and state are required",
        "At least one image is required");
  }

  @Test
  void titleNeedsTenCharactersNotCountingSurroundingBlanks() {
    assertThat(validate(content().title("Ten chars!"))).isEmpty();
    assertThat(validate(content().title("  Nine chrs  ")))
        .containsExactly("Title must be at least 10 characters long");
  }

  @Test
  void descriptionNeedsFiftyCharacters() {
    assertThat(validate(content().description("x".repeat(50)))).isEmpty();
    assertThat(validate(content().description("x".repeat(49))))
        .containsExactly("Description must be at least 50 characters long");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "0.00"})
  void priceMustBePositive(String price) {
    assertThat(validate(content().price(new BigDecimal(price))))
        .containsExactly("Price must be greater than 0");
    assertThat(validate(content().price(new BigDecimal("0.01")))).isEmpty();
  }

  @Test
  void addressCityAndStateAreRequired() {
    assertThat(validate(content().location(" ", "Springfield", "IL")))
        .containsExactly("Location address is required");
    assertThat(validate(content().location("1 Main St", null, "IL")))
        .containsExactly("City and state are required");
    assertThat(validate(content().location("1 Main St", "Springfield", "")))
        .containsExactly("City and state are required");
  }

  @Test
  void oneToFiftyImages() {
    assertThat(validate(content().images(List.of()))).containsExactly("At least one image is required");
    assertThat(validate(content().images(images(1)))).isEmpty();
    assertThat(validate(content().images(images(50)))).isEmpty();
    assertThat(validate(content().images(images(51)))).containsExactly("Maximum 50 images allowed");
  }

  // --- score: each deduction on its own

  @Test
  void fewerThanFiveImagesCostsATenth() {
    assertScore(content().images(images(4)), "0.90", "Less than 5 images provided (recommended: 5-10)");
    assertScore(content().images(images(5)), "1.00");
  }

  @Test
  void aDescriptionUnder200CharactersCostsATenth() {
    assertScore(content().description(GOOD_DESCRIPTION.substring(1)), "0.90",
        "Description is short (recommended: 200+ characters)");
  }

  @Test
  void aDescriptionOver2000CharactersCostsFiveHundredths() {
    assertScore(content().description("y".repeat(2000)), "1.00");
    assertScore(content().description("y".repeat(2001)), "0.95",
        "Description is very long (recommended: under 2000 characters)");
  }

  @Test
  void spamPhrasesCostTwoTenthsOnceAndAreNamed() {
    assertScore(content().title("URGENT sale, guaranteed return"), "0.80",
        "Contains suspicious keywords: urgent, guaranteed");
    assertScore(content().description(GOOD_DESCRIPTION + " Limited time offer, act now!"), "0.80",
        "Contains suspicious keywords: limited time, act now");
    assertScore(content().description(GOOD_DESCRIPTION + " Call now."), "0.80",
        "Contains suspicious keywords: call now");
  }

  @Test
  void spamPhrasesAreWholeWordsSoContactNowOrInsurgentAreNotSpam() {
    assertScore(content().description(GOOD_DESCRIPTION + " Contact now through the platform."), "1.00");
    assertScore(content().description(GOOD_DESCRIPTION + " Near the Insurgent Museum."), "1.00");
  }

  @ParameterizedTest
  @ValueSource(strings = {"5551234567", "555-123-4567", "555.123.4567", "+1 555 123 4567", "(555) 123-4567",
      "+44 20 7946 0958", "jane.doe@example.com", "Jane.Doe+flat@Mail.Example.co.uk"})
  void contactDetailsCostThreeTenths(String contact) {
    assertScore(content().description(GOOD_DESCRIPTION + " Reach me: " + contact), "0.70",
        "Contains contact information (phone/email) - use platform messaging instead");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Built 2019, 3 floors, 120 m2.", "Reference 123456789.", "Price 1,250,000 USD.",
      "Card 4242424242424242 not accepted."})
  void numbersThatAreNoPhoneNumbersCostNothing(String text) {
    assertScore(content().description(GOOD_DESCRIPTION + " " + text), "1.00");
  }

  @Test
  void completenessCountsSixFieldsAndNeedsFiveOfThem() {
    // Five of six (83 %): enough.
    assertScore(content().attributes(2, 1, null), "1.00");
    // Four of six (67 %): below 80 %.
    assertScore(content().attributes(2, null, null), "0.90",
        "Incomplete property details");
    // Zero bedrooms (a studio) is a value, not a gap.
    assertScore(content().attributes(0, 1, new BigDecimal("30")), "1.00");
  }

  // --- score: sums

  @Test
  void deductionsAddUpExactly() {
    // 1 - 0.1 (images): 0.9, the seed's auto-approval example.
    assertThat(score(content().images(images(1))).score()).isEqualTo(new BigDecimal("0.90"));
    // 1 - 0.2 (spam): exactly the auto-approval threshold.
    assertThat(score(content().title("Guaranteed bargain flat")).score())
        .isEqualTo(new BigDecimal("0.80"));
    // 1 - 0.1 - 0.1 - 0.2: 0.6, which floating point makes 0.6000000000000001.
    QualityReport sixTenths = score(content().images(images(1))
        .description("Urgent: " + "z".repeat(60)));
    assertThat(sixTenths.score()).isEqualTo(new BigDecimal("0.60"));
    assertThat(sixTenths.passed()).isTrue();
  }

  @Test
  void everyDeductionAtOnceLeavesTwoTenthsWhichFails() {
    // The deductions add up to at most 0.8, so the clamp to [0, 1] never bites on real content.
    QualityReport worst = ListingRules.score(new ListingContent("Act now: urgent", "Call now " + "w".repeat(60)
        + " 555 123 4567", new BigDecimal("1"), "USD", "apartment", null, images(1), null));

    assertThat(worst.score()).isEqualTo(new BigDecimal("0.20"));
    assertThat(worst.passed()).isFalse();
    assertThat(worst.issues()).hasSize(5);
  }

  @Test
  void halfPassesJustBelowHalfDoesNot() {
    // 1 - 0.3 (contact) - 0.2 (spam): exactly the pass mark.
    QualityReport half = score(content().description(GOOD_DESCRIPTION + " Act now: a@b.io"));
    assertThat(half.score()).isEqualTo(new BigDecimal("0.50"));
    assertThat(half.passed()).isTrue();
    // ... and one more tenth fails it.
    QualityReport below = score(content().images(images(1))
        .description(GOOD_DESCRIPTION + " Act now: a@b.io"));
    assertThat(below.score()).isEqualTo(new BigDecimal("0.40"));
    assertThat(below.passed()).isFalse();
  }

  private static void assertScore(TestContent content, String score, String... issues) {
    QualityReport report = score(content);
    assertThat(report.score()).isEqualTo(new BigDecimal(score));
    assertThat(report.issues()).containsExactly(issues);
  }

  private static List<String> validate(TestContent content) {
    return ListingRules.validate(content.build());
  }

  private static QualityReport score(TestContent content) {
    return ListingRules.score(content.build());
  }
}

package com.partnerplatform.listing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A listing's content as the API takes it: the whole draft on create, the fields to change on
 * PATCH (absent fields, and absent fields of {@code location} and {@code attributes}, keep their
 * value). Only the shape is checked here; the seed's rules (minimum lengths, a positive price,
 * images) are the approval workflow's validation on submit.
 *
 * @param expiresAt when the listing should expire at the latest once approved
 */
public record ListingChange(
    @Size(max = 200) String title,
    @Size(max = 10000) String description,
    @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal price,
    @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as USD") String currency,
    @Pattern(regexp = "[a-z][a-z_]{0,31}", message = "must be lower-case letters and underscores, e.g. apartment")
    String propertyType,
    @Valid Location location,
    @Size(max = 100) List<
        @NotBlank @Size(max = 2048)
        @Pattern(regexp = "https?://\\S+", message = "must be an http or https URL") String> images,
    @Valid Attributes attributes,
    Instant expiresAt) {

  public record Location(
      @Size(max = 300) String address,
      @Size(max = 100) String city,
      @Size(max = 100) String state,
      @Size(max = 100) String country,
      @Size(max = 20) String postalCode,
      @DecimalMin("-90") @DecimalMax("90") Double lat,
      @DecimalMin("-180") @DecimalMax("180") Double lng) {}

  public record Attributes(
      @Min(0) @Max(1000) Integer bedrooms,
      @Min(0) @Max(1000) Integer bathrooms,
      @DecimalMin("0") @Digits(integer = 10, fraction = 2) BigDecimal area) {}

  /** The content of a new draft. */
  ListingContent toContent() {
    return applyTo(new ListingContent(null, null, null, null, null, null, null, null));
  }

  /** {@code current} with the fields this change names replaced. */
  ListingContent applyTo(ListingContent current) {
    ListingContent.Location was = current.location();
    ListingContent.Location place = location == null ? was : new ListingContent.Location(
        or(location.address(), was.address()), or(location.city(), was.city()), or(location.state(), was.state()),
        or(location.country(), was.country()), or(location.postalCode(), was.postalCode()),
        or(location.lat(), was.lat()), or(location.lng(), was.lng()));
    ListingContent.Attributes had = current.attributes();
    ListingContent.Attributes details = attributes == null ? had : new ListingContent.Attributes(
        or(attributes.bedrooms(), had.bedrooms()), or(attributes.bathrooms(), had.bathrooms()),
        or(attributes.area(), had.area()));
    return new ListingContent(or(title, current.title()), or(description, current.description()),
        or(price, current.price()), or(currency, current.currency()), or(propertyType, current.propertyType()),
        place, or(images, current.images()), details);
  }

  private static <T> T or(T value, T current) {
    return value != null ? value : current;
  }
}

package com.partnerplatform.listing.search;

import com.partnerplatform.platform.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/search")
@Tag(name = "Search", description = "Published listings by words, place, price and size; no login needed")
class SearchController {

  private static final Logger log = LoggerFactory.getLogger(SearchController.class);
  private static final String NUMBER = "-?\\d{1,3}(\\.\\d+)?";

  private final SearchIndex searchIndex;

  SearchController(SearchIndex searchIndex) {
    this.searchIndex = searchIndex;
  }

  @GetMapping("/listings")
  @Operation(summary = "Search published listings",
      description = "Every word of q must occur in the title or description; title matches rank higher. "
          + "city, state and propertyType match exactly, ignoring case. near=lat,lng with radiusKm (default "
          + SearchQuery.DEFAULT_RADIUS_KM + " km) keeps listings within that great-circle distance. "
          + "sort=relevance (default; newest first without q), price_asc, price_desc or newest. "
          + "Facets count city and propertyType over all matches, not only the page. "
          + "Paging reaches the first " + SearchQuery.MAX_RESULT_WINDOW + " results.")
  @ApiResponse(responseCode = "200", description = "One page of matching listings, their total and facets")
  @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED, listing every invalid parameter")
  @ApiResponse(responseCode = "503", description = "SEARCH_UNAVAILABLE when the search engine does not answer")
  public SearchPageView search(@ParameterObject @Valid SearchParameters parameters, BindingResult binding) {
    List<Map<String, String>> errors = new ArrayList<>();
    for (FieldError error : binding.getFieldErrors()) {
      errors.add(invalid(error.getField(), error.isBindingFailure() ? conversionFailure(error.getField())
          : error.getDefaultMessage()));
    }
    // A value of the wrong type leaves no parameters to check further.
    if (parameters != null) {
      errors.addAll(inconsistencies(parameters, binding));
    }
    if (!errors.isEmpty()) {
      throw validationFailed(errors);
    }
    return SearchPageView.of(searchIndex.search(parameters.toQuery()), parameters);
  }

  /** Rules across parameters, or beyond their form, each checked once its parameters are well-formed. */
  private static List<Map<String, String>> inconsistencies(SearchParameters parameters, BindingResult binding) {
    List<Map<String, String>> errors = new ArrayList<>();
    boolean nearValid = !binding.hasFieldErrors("near");
    double[] near = nearValid ? parameters.nearLatLng() : null;
    if (near != null && (Math.abs(near[0]) > 90 || Math.abs(near[1]) > 180)) {
      errors.add(invalid("near", "latitude must be -90 to 90 and longitude -180 to 180"));
    }
    if (nearValid && near == null && parameters.radiusKm() != null) {
      errors.add(invalid("radiusKm", "needs near"));
    }
    if (!binding.hasFieldErrors("minPrice") && !binding.hasFieldErrors("maxPrice")
        && parameters.minPrice() != null && parameters.maxPrice() != null
        && parameters.minPrice().compareTo(parameters.maxPrice()) > 0) {
      errors.add(invalid("minPrice", "must not be greater than maxPrice"));
    }
    if (!binding.hasFieldErrors("page") && !binding.hasFieldErrors("size")
        && (long) (parameters.pageOrDefault() + 1) * parameters.sizeOrDefault() > SearchQuery.MAX_RESULT_WINDOW) {
      errors.add(invalid("page", "page and size reach past the first " + SearchQuery.MAX_RESULT_WINDOW + " results"));
    }
    return errors;
  }

  @ExceptionHandler(SearchUnavailableException.class)
  ResponseEntity<ProblemDetail> unavailable(SearchUnavailableException e) {
    log.warn("Search failed: {}", e.getMessage());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
        "SEARCH_UNAVAILABLE", "The search engine did not answer; try again shortly."));
  }

  /** Spring's own message for a value of the wrong type names Java classes: not for clients. */
  private static String conversionFailure(String field) {
    return List.of("minBedrooms", "page", "size").contains(field) ? "must be a whole number" : "must be a number";
  }

  private static Map<String, String> invalid(String field, String message) {
    return Map.of("field", field, "message", message);
  }

  /** The same problem the platform answers for invalid request bodies. */
  private static ErrorResponseException validationFailed(List<Map<String, String>> errors) {
    ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED",
        "The request has " + errors.size() + " invalid field(s).");
    problem.setProperty("errors", errors);
    return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
  }

  /** The query parameters; blank ones count as absent. */
  record SearchParameters(
      @Parameter(description = "Words to find in title or description")
      @Size(max = 200) String q,
      @Size(max = 100) String city,
      @Size(max = 100) String state,
      @Parameter(description = "e.g. apartment, house") @Size(max = 100) String propertyType,
      @Parameter(description = "Lowest price, inclusive") @DecimalMin("0") BigDecimal minPrice,
      @Parameter(description = "Highest price, inclusive") @DecimalMin("0") BigDecimal maxPrice,
      @Min(0) @Max(1000) Integer minBedrooms,
      @Parameter(description = "Centre of a radius search: lat,lng in decimal degrees, e.g. 52.52,13.405")
      @Pattern(regexp = "\\s*" + NUMBER + "\\s*,\\s*" + NUMBER + "\\s*", message = "must be lat,lng, e.g. 52.52,13.405")
      String near,
      @Parameter(description = "Radius around near in km; " + SearchQuery.DEFAULT_RADIUS_KM + " if absent")
      @DecimalMin(value = "0", inclusive = false) @DecimalMax("" + SearchQuery.MAX_RADIUS_KM) BigDecimal radiusKm,
      @Parameter(description = "relevance (default), price_asc, price_desc or newest")
      @Pattern(regexp = "relevance|price_asc|price_desc|newest",
          message = "must be relevance, price_asc, price_desc or newest") String sort,
      @Parameter(description = "Page number from 0") @Min(0) Integer page,
      @Parameter(description = "Page size, 1 to " + SearchQuery.MAX_SIZE + "; default " + SearchQuery.DEFAULT_SIZE)
      @Min(1) @Max(SearchQuery.MAX_SIZE) Integer size) {

    int pageOrDefault() {
      return page == null ? 0 : page;
    }

    int sizeOrDefault() {
      return size == null ? SearchQuery.DEFAULT_SIZE : size;
    }

    /** The latitude and longitude of {@code near}, or null without one; the pattern checked its form. */
    double[] nearLatLng() {
      if (!SearchQuery.isSet(near)) {
        return null;
      }
      String[] parts = near.split(",");
      try {
        return new double[] {Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip())};
      } catch (NumberFormatException e) {
        // Whitespace the pattern admits but parseDouble does not (found by fuzzing).
        throw validationFailed(List.of(invalid("near", "must be lat,lng, e.g. 52.52,13.405")));
      }
    }

    SearchQuery toQuery() {
      double[] centre = nearLatLng();
      return new SearchQuery(text(q), text(city), text(state), text(propertyType), minPrice, maxPrice,
          minBedrooms, centre == null ? null : centre[0], centre == null ? null : centre[1],
          radiusKm == null ? null : radiusKm.doubleValue(),
          sort == null ? SearchSort.RELEVANCE : SearchSort.fromValue(sort).orElseThrow(),
          pageOrDefault(), sizeOrDefault());
    }

    private static String text(String value) {
      return SearchQuery.isSet(value) ? value.strip() : null;
    }
  }

  record SearchPageView(long total, int page, int size, List<SearchItemView> items,
      Map<String, Map<String, Long>> facets) {

    static SearchPageView of(SearchResult result, SearchParameters parameters) {
      return new SearchPageView(result.total(), parameters.pageOrDefault(), parameters.sizeOrDefault(),
          result.items().stream().map(SearchItemView::of).toList(), result.facets());
    }
  }

  /** A listing as the public sees it: without its owner. */
  record SearchItemView(UUID id, String title, String description, BigDecimal price, String currency,
      String propertyType, LocationView location, AttributesView attributes, List<String> images,
      Double qualityScore, Instant publishedAt, Instant expiresAt) {

    static SearchItemView of(ListingDocument document) {
      return new SearchItemView(document.id(), document.title(), document.description(), document.price(),
          document.currency(), document.propertyType(),
          new LocationView(document.address(), document.city(), document.state(), document.country(),
              document.postalCode(), document.lat(), document.lng()),
          new AttributesView(document.bedrooms(), document.bathrooms(), document.area()),
          document.images(), document.qualityScore(), document.publishedAt(), document.expiresAt());
    }
  }

  record LocationView(String address, String city, String state, String country, String postalCode, Double lat,
      Double lng) {}

  record AttributesView(Integer bedrooms, Integer bathrooms, Double area) {}
}

package com.partnerplatform.listing.search;

import static com.partnerplatform.listing.search.Listings.listing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.partnerplatform.platform.web.ProblemHandler;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The search endpoint's parameters and JSON, in front of a stand-in index. */
class SearchControllerTest {

  private static final String SEARCH = "/api/search/listings";

  private final SearchIndex searchIndex = mock(SearchIndex.class);
  private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new SearchController(searchIndex))
      .setControllerAdvice(new ProblemHandler())
      .build();

  @Test
  void withoutParametersTheFirstPageOfEverythingIsAskedForByRelevance() throws Exception {
    when(searchIndex.search(any())).thenReturn(SearchResult.empty());

    mvc.perform(get(SEARCH))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.total").value(0))
        .andExpect(jsonPath("$.page").value(0))
        .andExpect(jsonPath("$.size").value(20))
        .andExpect(jsonPath("$.items").isEmpty())
        .andExpect(jsonPath("$.facets.city").isMap())
        .andExpect(jsonPath("$.facets.propertyType").isMap());

    assertThat(searched()).isEqualTo(new SearchQuery(null, null, null, null, null, null, null, null, null, null,
        SearchSort.RELEVANCE, 0, SearchQuery.DEFAULT_SIZE));
  }

  @Test
  void everyParameterReachesTheQueryAndBlankOnesAreLeftOut() throws Exception {
    when(searchIndex.search(any())).thenReturn(SearchResult.empty());

    mvc.perform(get(SEARCH + "?q= garden flat &city=Berlin&state=&propertyType=apartment&minPrice=100000"
            + "&maxPrice=200000.50&minBedrooms=2&near=52.52, 13.405&radiusKm=7.5&sort=price_desc&page=2&size=10"))
        .andExpect(status().isOk());

    assertThat(searched()).isEqualTo(new SearchQuery("garden flat", "Berlin", null, "apartment",
        new BigDecimal("100000"), new BigDecimal("200000.50"), 2, 52.52, 13.405, 7.5, SearchSort.PRICE_DESC, 2, 10));
  }

  @Test
  void nearWithoutARadiusSearchesTheDefaultRadius() throws Exception {
    when(searchIndex.search(any())).thenReturn(SearchResult.empty());

    mvc.perform(get(SEARCH + "?near=-33.8688,151.2093")).andExpect(status().isOk());

    assertThat(searched().radiusKm()).isEqualTo(SearchQuery.DEFAULT_RADIUS_KM);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "page=-1                     | page",
      "page=1.5                    | page",
      "size=0                      | size",
      "size=101                    | size",
      "page=100&size=100           | page",
      "sort=cheapest               | sort",
      "sort=PRICE_ASC              | sort",
      "near=52.52                  | near",
      "near=52.52,13.4,1           | near",
      "near=91,0                   | near",
      "near=0,-180.5               | near",
      "radiusKm=5                  | radiusKm",
      "near=1,1&radiusKm=0         | radiusKm",
      "near=1,1&radiusKm=20001     | radiusKm",
      "near=1,1&radiusKm=NaN       | radiusKm",
      "minPrice=abc                | minPrice",
      "minPrice=-1                 | minPrice",
      "minPrice=10&maxPrice=5      | minPrice",
      "minBedrooms=two             | minBedrooms",
  })
  void anInvalidParameterIsABadRequestNamingIt(String parameters, String field) throws Exception {
    mvc.perform(get(SEARCH + "?" + parameters))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
        .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder(field)));

    verifyNoInteractions(searchIndex);
  }

  @Test
  void aLongQueryIsABadRequest() throws Exception {
    mvc.perform(get(SEARCH).param("q", "a".repeat(201)))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("q")));
  }

  @Test
  void everyInvalidParameterIsListedAtOnceWithoutJavaInternals() throws Exception {
    mvc.perform(get(SEARCH + "?page=-1&size=0&sort=cheapest&minPrice=abc&minBedrooms=x"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field")
            .value(containsInAnyOrder("page", "size", "sort", "minPrice", "minBedrooms")))
        .andExpect(jsonPath("$.errors[?(@.field == 'minPrice')].message").value("must be a number"))
        .andExpect(jsonPath("$.errors[?(@.field == 'minBedrooms')].message").value("must be a whole number"));

    verifyNoInteractions(searchIndex);
  }

  @Test
  void rulesAcrossParametersAreListedWithTheInvalidValues() throws Exception {
    mvc.perform(get(SEARCH + "?size=0&minPrice=10&maxPrice=5&near=91,0"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("size", "minPrice", "near")));
    mvc.perform(get(SEARCH + "?minBedrooms=x&radiusKm=5"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("minBedrooms", "radiusKm")));

    verifyNoInteractions(searchIndex);
  }

  @Test
  void itemsShowTheListingWithoutItsOwner() throws Exception {
    ListingDocument document = listing().price("250000.00").build();
    when(searchIndex.search(any())).thenReturn(new SearchResult(7, List.of(document),
        Map.of(SearchResult.CITY, Map.of("Berlin", 7L), SearchResult.PROPERTY_TYPE, Map.of("apartment", 7L))));

    mvc.perform(get(SEARCH + "?size=1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.total").value(7))
        .andExpect(jsonPath("$.facets.city.Berlin").value(7))
        .andExpect(jsonPath("$.facets.propertyType.apartment").value(7))
        .andExpect(jsonPath("$.items[0].id").value(document.id().toString()))
        .andExpect(jsonPath("$.items[0].title").value(document.title()))
        .andExpect(jsonPath("$.items[0].description").value(document.description()))
        .andExpect(jsonPath("$.items[0].price").value(250000.00))
        .andExpect(jsonPath("$.items[0].currency").value("EUR"))
        .andExpect(jsonPath("$.items[0].propertyType").value("apartment"))
        .andExpect(jsonPath("$.items[0].location.address").value(document.address()))
        .andExpect(jsonPath("$.items[0].location.city").value("Berlin"))
        .andExpect(jsonPath("$.items[0].location.state").value("Berlin"))
        .andExpect(jsonPath("$.items[0].location.country").value("DE"))
        .andExpect(jsonPath("$.items[0].location.postalCode").value("10119"))
        .andExpect(jsonPath("$.items[0].location.lat").value(document.lat()))
        .andExpect(jsonPath("$.items[0].location.lng").value(document.lng()))
        .andExpect(jsonPath("$.items[0].attributes.bedrooms").value(2))
        .andExpect(jsonPath("$.items[0].attributes.bathrooms").value(1))
        .andExpect(jsonPath("$.items[0].attributes.area").value(74.5))
        .andExpect(jsonPath("$.items[0].images.length()").value(2))
        .andExpect(jsonPath("$.items[0].qualityScore").value(0.9))
        .andExpect(jsonPath("$.items[0].publishedAt").value(document.publishedAt().toString()))
        .andExpect(jsonPath("$.items[0].expiresAt").value(document.expiresAt().toString()))
        .andExpect(jsonPath("$.items[0].ownerId").doesNotExist());
  }

  @Test
  void aFailingSearchEngineIsServiceUnavailable() throws Exception {
    when(searchIndex.search(any())).thenThrow(new SearchUnavailableException("connection refused", null));

    mvc.perform(get(SEARCH))
        .andExpect(status().isServiceUnavailable())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("SEARCH_UNAVAILABLE"));
  }

  private SearchQuery searched() {
    ArgumentCaptor<SearchQuery> query = ArgumentCaptor.forClass(SearchQuery.class);
    verify(searchIndex).search(query.capture());
    return query.getValue();
  }
}

package com.partnerplatform.listing.search;

/** The search engine could not be reached or failed; worth a retry. */
public class SearchUnavailableException extends RuntimeException {

  public SearchUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

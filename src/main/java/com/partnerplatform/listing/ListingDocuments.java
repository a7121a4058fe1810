package com.partnerplatform.listing;

import com.partnerplatform.listing.search.ListingDocument;

/** What the search engine holds of a live listing. */
final class ListingDocuments {

  private ListingDocuments() {}

  static ListingDocument of(Listing listing) {
    ListingContent content = listing.content();
    ListingContent.Location location = content.location();
    ListingContent.Attributes attributes = content.attributes();
    return new ListingDocument(listing.id(), listing.ownerId(), content.title(), content.description(),
        content.price(), content.currency(), content.propertyType(), location.address(), location.city(),
        location.state(), location.country(), location.postalCode(), location.lat(), location.lng(),
        attributes.bedrooms(), attributes.bathrooms(),
        attributes.area() == null ? null : attributes.area().doubleValue(), content.images(),
        listing.qualityScore() == null ? null : listing.qualityScore().doubleValue(), listing.publishedAt(),
        listing.expiresAt());
  }
}

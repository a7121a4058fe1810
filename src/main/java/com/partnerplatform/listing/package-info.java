/** Listing domain: listings, human-in-the-loop approval, expiration, search. */
package com.partnerplatform.listing;

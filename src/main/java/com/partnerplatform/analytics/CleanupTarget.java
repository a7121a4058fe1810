package com.partnerplatform.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Data of one clean-up type older than a cutoff, addressed by stable keys (row ids, file names):
 * what is deleted is exactly what was backed up under the same keys.
 */
interface CleanupTarget {

  CleanupType type();

  /** How many items are older than the cutoff. */
  long count(Instant cutoff);

  /** The first keys, in key order, of items older than the cutoff. */
  List<String> nextKeys(Instant cutoff, int limit);

  /** The items of these keys that still exist, as JSON-ready records by key (one JSON line each in the backup). */
  Map<String, Map<String, Object>> records(List<String> keys);

  /** Deletes the items of these keys that are still older than the cutoff; deleting again is harmless. */
  void delete(List<String> keys, Instant cutoff);
}

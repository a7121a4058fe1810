/** Analytics domain: Temporal Schedules for reports, clean-up and reconciliation; reminders. */
package com.partnerplatform.analytics;

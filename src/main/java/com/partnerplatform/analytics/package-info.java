/** Analytics domain: scheduled reports, clean-up and reconciliation. */
package com.partnerplatform.analytics;

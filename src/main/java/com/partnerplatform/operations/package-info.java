/** Workflow operations: the generic workflow API and the admin dashboard. */
package com.partnerplatform.operations;

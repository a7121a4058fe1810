/** Payment domain: orders, the payment saga with compensation, subscriptions. */
package com.partnerplatform.payment;

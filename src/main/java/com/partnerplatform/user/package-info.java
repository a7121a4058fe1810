/** User domain: accounts, authentication, onboarding and notifications. */
package com.partnerplatform.user;

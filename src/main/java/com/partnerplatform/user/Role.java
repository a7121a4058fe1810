package com.partnerplatform.user;

/** What a user may do. Access tokens carry the roles, which become {@code ROLE_*} authorities. */
enum Role {
  USER,
  PARTNER,
  REVIEWER,
  ADMIN
}

package com.partnerplatform.operations.dashboard;

import java.io.Serializable;
import java.security.Principal;
import java.util.UUID;

/** Who is signed in to the dashboard; named by the user id, as access tokens are, so Caller reads it alike. */
record DashboardUser(UUID id, String email) implements Principal, Serializable {

  @Override
  public String getName() {
    return id.toString();
  }
}

package com.partnerplatform.user;

import java.util.List;
import java.util.UUID;

/** Who holds a role: other domains use it to reach a group of users (e.g. every reviewer). */
public interface UserDirectory {

  /** The users with the role whose accounts are not disabled, oldest first. */
  List<UUID> usersWithRole(String role);
}

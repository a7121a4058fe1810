package com.partnerplatform.operations.dashboard;

import com.partnerplatform.platform.security.Caller;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every dashboard page shows about the signed-in user. */
@ControllerAdvice(basePackageClasses = DashboardModel.class)
class DashboardModel {

  /** Whether the navigation offers the admin pages; the security rules decide access either way. */
  @ModelAttribute("admin")
  boolean admin(Authentication user) {
    return user != null && user.getPrincipal() instanceof DashboardUser && Caller.of(user).admin();
  }
}

package com.partnerplatform.user;

import com.partnerplatform.platform.security.SecurityProperties;
import com.partnerplatform.platform.web.ApiException;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Creates the admin account named by {@code platform.security.admin-email} and
 * {@code admin-password} at startup when no account has that e-mail. An existing account is left
 * as it is.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

  private final SecurityProperties security;
  private final UserStore users;
  private final UserService userService;

  AdminBootstrap(SecurityProperties security, UserStore users, UserService userService) {
    this.security = security;
    this.users = users;
    this.userService = userService;
  }

  @Override
  public void run(ApplicationArguments args) {
    String email = security.adminEmail();
    String password = security.adminPassword();
    if (!StringUtils.hasText(email) && !StringUtils.hasText(password)) {
      return;
    }
    if (!StringUtils.hasText(email) || !StringUtils.hasText(password)) {
      log.warn("Set both platform.security.admin-email and admin-password to create an admin account; "
          + "none created");
      return;
    }
    if (users.findByEmail(UserAccount.normalizeEmail(email)).isPresent()) {
      return;
    }
    if (!PasswordPolicy.Validator.accepts(password)) {
      throw new IllegalStateException("platform.security.admin-password " + PasswordPolicy.RULE);
    }
    try {
      userService.create(email, password, "Administrator", EnumSet.of(Role.USER, Role.ADMIN));
      log.info("Created the admin account {}", UserAccount.normalizeEmail(email));
    } catch (ApiException e) {
      // Another instance starting at the same time created it first.
      log.info("The admin account {} exists already", UserAccount.normalizeEmail(email));
    }
  }
}

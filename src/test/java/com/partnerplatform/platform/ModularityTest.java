package com.partnerplatform.platform;

import com.partnerplatform.PartnerPlatformApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Domains use each other only through published interfaces, and never in cycles. */
class ModularityTest {

  @Test
  void applicationModulesRespectTheirBoundaries() {
    ApplicationModules.of(PartnerPlatformApplication.class).verify();
  }
}

package com.partnerplatform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PartnerPlatformApplication {

  public static void main(String[] args) {
    SpringApplication.run(PartnerPlatformApplication.class, args);
  }
}

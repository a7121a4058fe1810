package com.partnerplatform.platform.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs}. Protected operations declare
 * {@code @SecurityRequirement(name = "bearer")}: an access token from {@code POST /api/auth/login}.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(
    title = "Partner Platform API",
    version = "v1",
    description = "Marketplace backend whose business processes run as Temporal workflows. Errors are"
        + " RFC 9457 application/problem+json documents with a stable `code`."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
    description = "Access token from POST /api/auth/login or /api/auth/refresh")
public class ApiDocsConfiguration {}

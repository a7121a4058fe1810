/**
 * Shared kernel: Temporal wiring (engine modes, workers per task queue, the configuration
 * hierarchy), security, error handling and observability. Every domain may use it.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package com.partnerplatform.platform;

import org.springframework.modulith.ApplicationModule;

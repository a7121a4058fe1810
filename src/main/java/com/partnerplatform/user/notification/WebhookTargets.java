package com.partnerplatform.user.notification;

import com.partnerplatform.user.NotificationProperties;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Keeps user-registered webhooks away from the platform's own network: loopback, private,
 * link-local and wildcard addresses are refused unless
 * {@code platform.notification.webhook-allow-private-addresses} is on (local runs and tests).
 */
@Component
class WebhookTargets {

  private final boolean allowPrivateAddresses;

  WebhookTargets(NotificationProperties properties) {
    this.allowPrivateAddresses = properties.webhookAllowPrivateAddresses();
  }

  /**
   * Why the URL's host may not be called, if it may not.
   *
   * @throws UnknownHostException when the host name does not resolve
   */
  Optional<String> refusal(URI url) throws UnknownHostException {
    if (allowPrivateAddresses) {
      return Optional.empty();
    }
    for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
      if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
          || address.isAnyLocalAddress() || address.isMulticastAddress() || isUniqueLocalIpv6(address)) {
        return Optional.of("Webhooks may not target the internal address " + address.getHostAddress() + ".");
      }
    }
    return Optional.empty();
  }

  /** fc00::/7, which {@link InetAddress#isSiteLocalAddress()} does not cover. */
  private static boolean isUniqueLocalIpv6(InetAddress address) {
    byte[] bytes = address.getAddress();
    return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
  }
}

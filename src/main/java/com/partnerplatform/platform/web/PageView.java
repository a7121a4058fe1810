package com.partnerplatform.platform.web;

import java.util.List;

/** One page of a list as the API answers it; pages count from 0. */
public record PageView<T>(List<T> items, int page, int size, long total) {}

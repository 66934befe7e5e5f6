#!/usr/bin/env bash
echo "golden: not yet"

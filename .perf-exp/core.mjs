import * as core from '@actions/core';
core.info(core.getInput('x'));

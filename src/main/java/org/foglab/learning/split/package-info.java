/**
 * Split training (Qian and Barzegaran, SEC 2021, FCDDT): fog nodes run the local stage of a model
 * cut at a named layer, the cloud the remote stage; activations go up, cut gradients come back.
 */
package org.foglab.learning.split;

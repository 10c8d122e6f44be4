-- CreateEnum
CREATE TYPE "NotifyStatus" AS ENUM ('queued', 'sending', 'sent', 'delivered', 'failed', 'given_up', 'suppressed');

-- AlterTable
ALTER TABLE "DeliverySettings" ADD COLUMN     "welfareLadder" JSONB;

-- AlterTable
ALTER TABLE "WelfareAlert" ADD COLUMN     "urgentAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "WelfareLadderStep" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "routeStopId" UUID NOT NULL,
    "notHomeAt" TIMESTAMPTZ(3) NOT NULL,
    "step" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "told" JSONB NOT NULL DEFAULT '[]',
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WelfareLadderStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotifyMessage" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "businessKey" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "recipientLabel" TEXT,
    "template" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "status" "NotifyStatus" NOT NULL DEFAULT 'queued',
    "refType" TEXT,
    "refId" UUID,
    "notBefore" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "jobId" TEXT,
    "providerMessageId" TEXT,
    "lastError" TEXT,
    "claimedAt" TIMESTAMPTZ(3),
    "sentAt" TIMESTAMPTZ(3),
    "deliveredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "NotifyMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotifySettings" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "quietStart" TEXT,
    "quietEnd" TEXT,
    "channels" JSONB NOT NULL DEFAULT '{}',
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "NotifySettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotifyOptOut" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "recipient" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotifyOptOut_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotifySubscription" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "subjectId" UUID NOT NULL,
    "phone" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "topics" TEXT[],
    "locale" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotifySubscription_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WelfareLadderStep_tenantId_routeStopId_idx" ON "WelfareLadderStep"("tenantId", "routeStopId");

-- CreateIndex
CREATE UNIQUE INDEX "WelfareLadderStep_routeStopId_notHomeAt_step_key" ON "WelfareLadderStep"("routeStopId", "notHomeAt", "step");

-- CreateIndex
CREATE INDEX "NotifyMessage_tenantId_status_idx" ON "NotifyMessage"("tenantId", "status");

-- CreateIndex
CREATE INDEX "NotifyMessage_tenantId_refType_refId_idx" ON "NotifyMessage"("tenantId", "refType", "refId");

-- CreateIndex
CREATE INDEX "NotifyMessage_status_updatedAt_idx" ON "NotifyMessage"("status", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "NotifyMessage_tenantId_businessKey_key" ON "NotifyMessage"("tenantId", "businessKey");

-- CreateIndex
CREATE UNIQUE INDEX "NotifySettings_tenantId_key" ON "NotifySettings"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "NotifyOptOut_tenantId_recipient_key" ON "NotifyOptOut"("tenantId", "recipient");

-- CreateIndex
CREATE UNIQUE INDEX "NotifySubscription_tenantId_subjectId_phone_key" ON "NotifySubscription"("tenantId", "subjectId", "phone");

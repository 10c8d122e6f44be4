-- CreateTable
CREATE TABLE "AideShiftsSeen" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "aideId" UUID NOT NULL,
    "shifts" TEXT[],
    "seenAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AideShiftsSeen_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AideShiftsSeen_aideId_key" ON "AideShiftsSeen"("aideId");

-- CreateIndex
CREATE INDEX "AideShiftsSeen_tenantId_idx" ON "AideShiftsSeen"("tenantId");
